package org.causalworkbench.inference.cue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.causalworkbench.core.model.Polarity;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Token;
import org.causalworkbench.core.model.Unit;

/**
 * Proposes a relation's polarity from its words: the signal ("raised", "reduced"), and words of
 * growth or shrinking inside each argument ("lower vaccination coverage", "admissions rose"). Each
 * side that says a direction gives a sign; the relation's polarity is their product, so "low
 * coverage caused the outbreak" decreases (more coverage, fewer outbreaks) and "the closures reduced
 * immunization" decreases. Where no side says a direction ("X caused Y") it stays unknown: the text
 * does not say which way, and the analyst can set it.
 */
public final class PolarityCues {

  private PolarityCues() {}

  /** Spans in the unit's text; {@code signal} may be null. */
  public static Polarity read(Unit unit, Span cause, Span effect, Span signal) {
    int causeSign = sign(unit, cause, false);
    int effectSign = sign(unit, effect, false);
    int signalSign = signal == null ? 0 : sign(unit, signal, true);
    if (causeSign == 0 && effectSign == 0 && signalSign == 0) {
      return Polarity.UNKNOWN;
    }
    int product = (causeSign == 0 ? 1 : causeSign) * (effectSign == 0 ? 1 : effectSign)
        * (signalSign == 0 ? 1 : signalSign);
    return product > 0 ? Polarity.INCREASES : Polarity.DECREASES;
  }

  /** "a rise in X", "the collapse of X": the change noun's direction is X's. */
  private static final Set<String> CHANGE_NOUN_LINKS = Set.of("in", "of");

  /**
   * +1 when the span's words say growth, -1 shrinking, 0 neither (or both). In an argument only the
   * words about its change count ("lower", "rose", "a rise in"), not nouns that name the variable
   * itself ("closure", "shortage").
   */
  static int sign(Unit unit, Span span, boolean signal) {
    int begin = unit.documentOffset(span.begin());
    int end = unit.documentOffset(span.end());
    int up = 0;
    int down = 0;
    for (Sentence s : unit.sentences()) {
      List<Token> tokens = s.tokens();
      for (int i = 0; i < tokens.size(); i++) {
        Token t = tokens.get(i);
        if (t.begin() < begin || t.end() > end) {
          continue;
        }
        String lemma = t.lemma().toLowerCase(Locale.ROOT);
        boolean changeNoun = t.isNoun() && ChangeNouns.is(lemma) && i + 1 < tokens.size()
            && CHANGE_NOUN_LINKS.contains(tokens.get(i + 1).word().toLowerCase(Locale.ROOT));
        if (!signal && t.isNoun() && !changeNoun) {
          continue;
        }
        String word = t.word().toLowerCase(Locale.ROOT);
        if (CueLexicon.UP_WORDS.contains(lemma) || CueLexicon.UP_WORDS.contains(word)) {
          up++;
        } else if (CueLexicon.DOWN_WORDS.contains(lemma) || CueLexicon.DOWN_WORDS.contains(word)) {
          down++;
        }
      }
    }
    return up > down ? 1 : down > up ? -1 : 0;
  }
}
