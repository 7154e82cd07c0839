package org.causalworkbench.graph.score;

import java.util.Locale;

/** Where an edge stands with the analysts. */
public enum ReviewState {
  UNREVIEWED,
  NEEDS_REVIEW,
  ACCEPTED,
  REJECTED,
  REVERSED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ReviewState fromWire(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }

  /** States a person set; scoring never overrides them. */
  public boolean decided() {
    return this == ACCEPTED || this == REJECTED || this == REVERSED;
  }
}
