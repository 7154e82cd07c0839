package org.causalworkbench.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which way a candidate pair's causation runs, relative to the pair's (first, second) order. */
public enum CausalLabel {
  CAUSE_TO_EFFECT("cause_to_effect"),
  EFFECT_TO_CAUSE("effect_to_cause"),
  NONE("none"),
  /** The judge gave no readable answer; the verdict's {@code failure} says why. */
  UNKNOWN("unknown");

  private final String wire;

  CausalLabel(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static CausalLabel fromWire(String wire) {
    for (CausalLabel label : values()) {
      if (label.wire.equals(wire)) {
        return label;
      }
    }
    throw new IllegalArgumentException(
        "unknown causal label '" + wire + "': expected cause_to_effect, effect_to_cause, none or unknown");
  }

  public boolean causal() {
    return this == CAUSE_TO_EFFECT || this == EFFECT_TO_CAUSE;
  }
}
