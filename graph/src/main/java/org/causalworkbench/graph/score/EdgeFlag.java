package org.causalworkbench.graph.score;

import java.util.Locale;

/** Reasons an edge goes to the review queue. */
public enum EdgeFlag {
  LOW_BELIEF,
  BOTH_DIRECTIONS,
  SINGLE_DOCUMENT,
  CROSS_SENTENCE_ONLY,
  HEDGED_OR_NEGATED,
  /** The judge gave no answer on some sentence about these two variables (truncated, timeout, ...). */
  REASONING_FAILED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
