package org.causalworkbench.inference.cue;

import java.util.Set;

/**
 * Nouns that say how a thing moved, not what it is: "a rise in unemployment" is about
 * unemployment, "a shortage of nurses" about nurses. The cue rules take their "in"/"of" phrase as
 * the argument, variable names keep only that phrase, and the polarity reads the noun's direction.
 */
public final class ChangeNouns {

  private static final Set<String> ALL = Set.of(
      "rise", "increase", "decrease", "decline", "fall", "drop", "reduction", "growth", "change", "shift", "surge",
      "jump", "spike", "slump", "gain", "improvement", "deterioration", "upturn", "downturn", "boom", "fluctuation",
      "variation", "upsurge", "plunge", "dip", "hike", "cut", "collapse", "recovery", "contraction", "expansion",
      "acceleration", "slowdown", "shortage", "lack", "loss", "scarcity", "end");

  private ChangeNouns() {}

  /** Whether {@code lemma} is a change noun. */
  public static boolean is(String lemma) {
    return ALL.contains(lemma);
  }
}
