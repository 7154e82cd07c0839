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
  REASONING_FAILED,
  /** Two judges gave different labels to the same candidate pair. */
  JUDGES_DISAGREE,
  /** The edge lies on a directed cycle of edges that are not rejected. */
  IN_CYCLE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
