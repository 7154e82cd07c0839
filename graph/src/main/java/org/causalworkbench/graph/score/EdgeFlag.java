package org.causalworkbench.graph.score;

import java.util.Locale;

/** Reasons an edge goes to the review queue. */
public enum EdgeFlag {
  LOW_BELIEF,
  BOTH_DIRECTIONS,
  SINGLE_DOCUMENT,
  CROSS_SENTENCE_ONLY,
  HEDGED_OR_NEGATED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
