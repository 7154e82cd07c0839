package org.causalworkbench.app.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Short reports written for the fault check (our own sentences, from a fixed seed): each states a
 * few causes in words the {@code cue} extractor reads, so hundreds of documents run in seconds.
 */
final class FaultCorpus {

  private static final String[] CAUSES = {"the drought", "the flood", "the frost", "the heatwave", "the storm",
      "the landslide", "the wildfire", "the power cut", "the strike", "the road closure", "the price rise",
      "the rail strike", "the fuel shortage", "the bridge collapse", "the hailstorm", "the dam release",
      "the port closure", "the crop disease", "the water shortage", "the pipeline leak"};
  private static final String[] EFFECTS = {"crop losses", "school closures", "power outages", "food shortages",
      "traffic delays", "job losses", "higher bread prices", "river pollution", "livestock deaths", "flight delays",
      "factory shutdowns", "hospital admissions", "soil erosion", "market closures", "water rationing",
      "rent increases", "fish kills", "supply delays", "tourism losses", "power rationing"};
  private static final String[] PLACES = {"Ashford", "Brackley", "Corwen", "Dunmore", "Elsdon", "Fenwick", "Garston",
      "Hexley", "Ilston", "Jarrow", "Kelmscott", "Lanark", "Morpeth", "Nairn", "Otley"};
  private static final String[] CUES = {"%s caused %s", "%s led to %s", "%s resulted in %s", "%s triggered %s"};

  private FaultCorpus() {}

  /** {@code n} documents, each unique: a place, a year and three stated causes. */
  static List<String> documents(int n, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String place = PLACES[i % PLACES.length];
      int year = 1950 + i;
      StringBuilder text = new StringBuilder("Report " + (i + 1) + " from " + place + ", " + year + ".");
      for (int s = 0; s < 3; s++) {
        String cause = CAUSES[random.nextInt(CAUSES.length)];
        String effect = EFFECTS[random.nextInt(EFFECTS.length)];
        String sentence = String.format(CUES[random.nextInt(CUES.length)], cause, effect);
        text.append(' ').append(Character.toUpperCase(sentence.charAt(0))).append(sentence.substring(1))
            .append(" in ").append(place).append('.');
      }
      out.add(text.toString());
    }
    return out;
  }
}
