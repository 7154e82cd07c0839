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
import java.util.function.Function;
import org.causalworkbench.core.id.ContentIds;

/**
 * The training examples split into a part trained on and a held-out part, by text, not by example:
 * a text's pairs and its own label stay on one side, so the held-out part (and whatever is fitted on
 * it: temperatures, thresholds, an ensemble's threshold) never sees a sentence trained on. The same
 * examples, seed and fraction always give the same split, so runs trained apart can be compared and
 * combined on one held-out part.
 *
 * @param digest a short digest of the held-out texts (sorted, so it names the set, not its order):
 *     two runs with the same digest held out the same texts
 */
public record HeldOutSplit<T>(List<T> train, List<T> heldOut, String digest) {

  public HeldOutSplit {
    train = List.copyOf(train);
    heldOut = List.copyOf(heldOut);
  }

  /** The pair classifier's examples, split by their text. */
  public static HeldOutSplit<PairExample> of(List<PairExample> examples, long seed, double fraction) {
    return of(examples, PairExample::text, seed, fraction);
  }

  public static <T> HeldOutSplit<T> of(List<T> examples, Function<T, String> text, long seed, double fraction) {
    List<String> texts = new ArrayList<>(new LinkedHashSet<>(examples.stream().map(text).toList()));
    Collections.shuffle(texts, new Random(seed));
    Set<String> heldOutTexts = new HashSet<>(texts.subList(0, (int) Math.round(texts.size() * fraction)));
    List<T> heldOut = new ArrayList<>();
    List<T> train = new ArrayList<>();
    for (T e : examples) {
      (heldOutTexts.contains(text.apply(e)) ? heldOut : train).add(e);
    }
    String joined = String.join("\n", new TreeSet<>(heldOutTexts));
    return new HeldOutSplit<>(train, heldOut, ContentIds.bytesId(joined.getBytes(StandardCharsets.UTF_8)));
  }
}
