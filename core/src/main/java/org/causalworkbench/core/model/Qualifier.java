package org.causalworkbench.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Wording around a causal claim that weakens or cancels it: hedged ("may lead to", a question),
 * negated ("did not cause"), or only an association ("is associated with").
 */
public enum Qualifier {
  HEDGED,
  NEGATED,
  CORRELATIONAL;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
