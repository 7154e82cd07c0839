package org.causalworkbench.graph.score;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an edge's evidence shows that may need a person. Which flags send an edge to {@code
 * needs_review} is configured ({@code graph.review.flags}); the others only describe it.
 */
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
  IN_CYCLE,
  /** Some sentences say the cause raises the effect, others that it lowers it. */
  POLARITY_CONFLICT;

  /** Reads a comma-separated list of flags ({@code low_belief, both_directions}); empty means none. */
  public static Set<EdgeFlag> parseList(String list) {
    Set<EdgeFlag> flags = EnumSet.noneOf(EdgeFlag.class);
    for (String part : list.split(",")) {
      String name = part.strip();
      if (name.isEmpty()) {
        continue;
      }
      try {
        flags.add(valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + name + "' is not a flag; the flags are "
            + Arrays.stream(values()).map(EdgeFlag::wire).toList());
      }
    }
    return flags;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
