package org.causalworkbench.inference.tagger;

import java.util.List;
import org.causalworkbench.core.model.Span;

/**
 * A relation as spans of one text, before anything is named: cause, effect and its signal words
 * (none, one, or several stretches), with the probability the tagger gives it (1 for gold labels).
 */
public record SpanRelation(Span cause, Span effect, List<Span> signals, double probability) {

  public SpanRelation {
    signals = List.copyOf(signals);
  }

  /** The first signal stretch, or null. */
  public Span signal() {
    return signals.isEmpty() ? null : signals.get(0);
  }

  /** Whether this and {@code other} put cause and effect in the same places. */
  public boolean sameArguments(SpanRelation other) {
    return cause.begin() == other.cause.begin() && cause.end() == other.cause.end()
        && effect.begin() == other.effect.begin() && effect.end() == other.effect.end();
  }
}
