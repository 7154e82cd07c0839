package org.causalworkbench.graph.review;

import java.util.Arrays;
import java.util.Locale;

/**
 * Why an analyst rejected an edge or a sentence, as curation tools for literature-mined graphs
 * record it. All but {@link #WRONG_VARIABLE} say the causal claim is wrong and count against the
 * judge's error rate; a wrong variable is an error of the span the extractor drew, counted apart.
 */
public enum RejectReason {
  /** The text states no causal relation between them. */
  NOT_CAUSAL,
  /** It states the relation the other way round. */
  WRONG_DIRECTION,
  /** The relation is there, but a cause or effect span names the wrong thing. */
  WRONG_VARIABLE,
  /** The text only proposes or hypothesises it. */
  HYPOTHESIS_ONLY,
  /** The text says it does not hold. */
  NEGATED,
  OTHER;

  /** Whether this rejection says the judge's causal claim was wrong (rather than its span). */
  public boolean againstClaim() {
    return this != WRONG_VARIABLE;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads a reason's wire name; null gives null. */
  public static RejectReason fromWire(String wire) {
    if (wire == null) {
      return null;
    }
    try {
      return valueOf(wire.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("reject reason '" + wire + "' is not one of: "
          + String.join(", ", Arrays.stream(values()).map(RejectReason::wire).toList()));
    }
  }
}
