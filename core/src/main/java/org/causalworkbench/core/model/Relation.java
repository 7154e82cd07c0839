package org.causalworkbench.core.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * A causal relation an extractor found in a unit: where the cause, the effect and (when the text
 * has one) the signal stand, as character offsets in the unit's text ({@link Unit#text()}).
 *
 * @param signal the words that signal the relation ("led to", "because"), or null
 * @param probability the extractor's probability that the text states this relation
 * @param polarity which way the cause moves the effect, when the text says
 * @param qualifiers {@code hedged} ("may lead to"), {@code negated} ("did not cause") or {@code
 *     correlational} ("is associated with")
 * @param explanation why the extractor found it: the tags and their probabilities, the cue rule,
 *     or the model's reasoning
 * @param failure null, or why the relation could not be placed in the text ({@code
 *     span_not_found}); such a relation keeps the words the extractor gave in its spans, at
 *     offset -1
 */
public record Relation(
    Span cause,
    Span effect,
    Span signal,
    double probability,
    Polarity polarity,
    Set<Qualifier> qualifiers,
    String extractorId,
    String extractorVersion,
    String explanation,
    String failure) {

  public Relation {
    qualifiers = Set.copyOf(qualifiers);
    polarity = polarity == null ? Polarity.UNKNOWN : polarity;
  }

  public boolean hedged() {
    return qualifiers.contains(Qualifier.HEDGED);
  }

  public boolean negated() {
    return qualifiers.contains(Qualifier.NEGATED);
  }

  /** This relation at another probability, with the explanation of why. */
  public Relation withProbability(double newProbability, String newExplanation) {
    return new Relation(cause, effect, signal, newProbability, polarity, qualifiers, extractorId, extractorVersion,
        newExplanation, failure);
  }

  public Relation withExplanation(String newExplanation) {
    return withProbability(probability, newExplanation);
  }

  public Relation withPolarity(Polarity newPolarity) {
    return new Relation(cause, effect, signal, probability, newPolarity, qualifiers, extractorId, extractorVersion,
        explanation, failure);
  }

  /** This relation with {@code hedged} and {@code negated} added to its qualifiers where true. */
  public Relation withQualifiers(boolean hedged, boolean negated) {
    if (!hedged && !negated) {
      return this;
    }
    EnumSet<Qualifier> more = qualifiers.isEmpty() ? EnumSet.noneOf(Qualifier.class) : EnumSet.copyOf(qualifiers);
    if (hedged) {
      more.add(Qualifier.HEDGED);
    }
    if (negated) {
      more.add(Qualifier.NEGATED);
    }
    return new Relation(cause, effect, signal, probability, polarity, more, extractorId, extractorVersion, explanation,
        failure);
  }

  /** Whether both arguments were placed in the text. */
  public boolean located() {
    return failure == null && cause.begin() >= 0 && effect.begin() >= 0;
  }
}
