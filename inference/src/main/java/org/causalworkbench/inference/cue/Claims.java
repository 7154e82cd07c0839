package org.causalworkbench.inference.cue;

import java.util.EnumSet;
import java.util.Set;
import org.causalworkbench.core.model.Polarity;
import org.causalworkbench.core.model.Qualifier;
import org.causalworkbench.core.model.Relation;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Unit;

/**
 * Turns spans an extractor found into a {@link Relation} with how the text states it: its
 * qualifiers ({@link ClaimQualifiers}) and polarity ({@link PolarityCues}) read off the unit's
 * words, so every extractor qualifies its relations the same way.
 */
public final class Claims {

  private Claims() {}

  /** Spans in the unit's text; {@code signal} may be null. */
  public static Relation relation(Unit unit, Span cause, Span effect, Span signal, double probability,
      String extractorId, String extractorVersion, String explanation) {
    ClaimQualifiers.Reading reading = ClaimQualifiers.read(unit, cause, effect, signal);
    Set<Qualifier> qualifiers = EnumSet.noneOf(Qualifier.class);
    if (reading.hedged()) {
      qualifiers.add(Qualifier.HEDGED);
    }
    if (reading.negated()) {
      qualifiers.add(Qualifier.NEGATED);
    }
    if (reading.correlational()) {
      qualifiers.add(Qualifier.CORRELATIONAL);
    }
    Polarity polarity = PolarityCues.read(unit, cause, effect, signal);
    String why = reading.why() == null ? explanation : explanation + "; " + reading.why();
    return new Relation(cause, effect, signal, probability, polarity, qualifiers, extractorId, extractorVersion, why,
        null);
  }
}
