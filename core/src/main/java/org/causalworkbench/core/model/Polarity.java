package org.causalworkbench.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which way a cause moves its effect: "exercise lowers blood pressure" decreases, "salt raises it" increases. */
public enum Polarity {
  INCREASES,
  DECREASES,
  UNKNOWN;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code increases}, {@code decreases} or {@code unknown}; anything else (or null) is unknown. */
  @JsonCreator
  public static Polarity fromWire(String wire) {
    if (wire == null) {
      return UNKNOWN;
    }
    return switch (wire.strip().toLowerCase(Locale.ROOT)) {
      case "increases", "increase", "positive", "+" -> INCREASES;
      case "decreases", "decrease", "negative", "-" -> DECREASES;
      default -> UNKNOWN;
    };
  }
}
