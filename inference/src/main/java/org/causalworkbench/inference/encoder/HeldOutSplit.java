package org.causalworkbench.inference.encoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.causalworkbench.core.id.ContentIds;

/**
 * The training examples split into a part trained on and a held-out part, by text, not by example:
 * a text's pairs and its own label stay on one side, so the held-out part (and whatever is fitted on
 * it: temperatures, thresholds, an ensemble's threshold) never sees a sentence trained on. The same
 * examples, seed and fraction always give the same split, so runs trained apart can be compared and
 * combined on one held-out part.
 */
public record HeldOutSplit(List<PairExample> train, List<PairExample> heldOut) {

  public HeldOutSplit {
    train = List.copyOf(train);
    heldOut = List.copyOf(heldOut);
  }

  public static HeldOutSplit of(List<PairExample> examples, long seed, double fraction) {
    List<String> texts = new ArrayList<>(new LinkedHashSet<>(examples.stream().map(PairExample::text).toList()));
    Collections.shuffle(texts, new Random(seed));
    Set<String> heldOutTexts = new HashSet<>(texts.subList(0, (int) Math.round(texts.size() * fraction)));
    List<PairExample> heldOut = new ArrayList<>();
    List<PairExample> train = new ArrayList<>();
    for (PairExample e : examples) {
      (heldOutTexts.contains(e.text()) ? heldOut : train).add(e);
    }
    return new HeldOutSplit(train, heldOut);
  }

  /**
   * A short digest of the held-out texts (sorted, so it names the set, not its order): two runs
   * with the same digest held out the same texts.
   */
  public String digest() {
    String joined = String.join("\n", new TreeSet<>(heldOut.stream().map(PairExample::text).toList()));
    return ContentIds.bytesId(joined.getBytes(StandardCharsets.UTF_8));
  }
}
