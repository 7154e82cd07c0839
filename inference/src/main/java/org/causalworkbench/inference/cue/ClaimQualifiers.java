package org.causalworkbench.inference.cue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Token;
import org.causalworkbench.core.model.Unit;

/**
 * Reads how a relation found by spans is stated, from the words of its sentence (lemmas, no parse):
 * hedged (a modal, a hedging adverb or reporting frame, an open question of "whether" before the
 * relation ends, or a question mark), negated (a negation between its first and last word outside
 * the two arguments, "did not raise", or a denied claim before it, "no evidence that X caused Y"),
 * or only an association ("is associated with", "linked to"). Words inside the cause or the effect
 * do not count: "their demands were not met" is the cause.
 */
public final class ClaimQualifiers {

  /** How a relation is stated, and the word that said so. */
  public record Reading(boolean hedged, boolean negated, boolean correlational, String why) {

    public static final Reading PLAIN = new Reading(false, false, false, null);
  }

  /** Nouns a negation turns into a denial of the claim after them: "no evidence that", "no sign that". */
  private static final java.util.Set<String> DENIED_CLAIMS = java.util.Set.of(
      "evidence", "sign", "proof", "indication", "link", "connection");

  private ClaimQualifiers() {}

  /**
   * @param cause the cause's span in the unit's text
   * @param effect the effect's span in the unit's text
   * @param signal the signal's span in the unit's text, or null
   */
  public static Reading read(Unit unit, Span cause, Span effect, Span signal) {
    int last = Math.max(cause.end(), effect.end());
    int first = Math.min(cause.begin(), effect.begin());
    if (signal != null) {
      last = Math.max(last, signal.end());
      first = Math.min(first, signal.begin());
    }
    int lastDocument = unit.documentOffset(last);
    Sentence sentence = unit.sentence(unit.sentenceAt(Math.max(first, Math.min(last - 1,
        signal != null ? signal.begin() : Math.max(cause.begin(), effect.begin())))));
    List<Token> tokens = sentence.tokens();
    if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).word().equals("?")) {
      return new Reading(true, false, false, "a question");
    }
    int causeBegin = unit.documentOffset(cause.begin());
    int causeEnd = unit.documentOffset(cause.end());
    int effectBegin = unit.documentOffset(effect.begin());
    int effectEnd = unit.documentOffset(effect.end());
    int firstDocument = unit.documentOffset(first);
    List<String> between = new ArrayList<>();
    String hedge = null;
    String negation = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.begin() >= lastDocument) {
        break;
      }
      // "no evidence that X caused Y" denies the relation wherever the extractor put its words.
      if (negation == null && CueLexicon.NEGATIONS.contains(t.word().toLowerCase(Locale.ROOT)) && i + 1 < tokens.size()
          && DENIED_CLAIMS.contains(tokens.get(i + 1).lemma().toLowerCase(Locale.ROOT))) {
        negation = t.word() + " " + tokens.get(i + 1).word();
      }
      boolean inArgument = (t.begin() >= causeBegin && t.end() <= causeEnd)
          || (t.begin() >= effectBegin && t.end() <= effectEnd);
      if (inArgument) {
        continue;
      }
      String lemma = t.lemma().toLowerCase(Locale.ROOT);
      String word = t.word().toLowerCase(Locale.ROOT);
      if (hedge == null && (CueLexicon.HEDGE_MODALS.contains(word) || CueLexicon.HEDGE_ADVERBS.contains(word)
          || CueLexicon.HEDGE_FRAMES.contains(lemma) || CueLexicon.OPEN_QUESTION.contains(lemma))) {
        hedge = t.word();
      }
      // A negation counts inside the relation's own stretch ("X did not reduce Y"), not in another clause before
      // it ("Although no one was hurt, the storm caused flooding").
      if (negation == null && t.begin() >= firstDocument
          && (CueLexicon.NEGATIONS.contains(word) || CueLexicon.NEGATIONS.contains(lemma))) {
        negation = t.word();
      }
      if (t.begin() >= firstDocument) {
        between.add(lemma);
        between.add(word);
      }
    }
    for (String w : between) {
      if (CueLexicon.CORRELATION.contains(w)) {
        return new Reading(false, false, true, "'" + w + "' states an association");
      }
    }
    if (negation != null) {
      return new Reading(false, true, false, "negated by '" + negation + "'");
    }
    if (hedge != null) {
      return new Reading(true, false, false, "hedged by '" + hedge + "'");
    }
    return Reading.PLAIN;
  }
}
