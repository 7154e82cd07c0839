package org.causalworkbench.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Wording around a causal claim that weakens or cancels it. */
public enum Qualifier {
  HEDGED,
  NEGATED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
