package org.causalworkbench.inference.cue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Token;

/**
 * Whether a sentence opens by pointing back at the one before it, the way a cause stated across
 * two sentences is written: a result connective ("As a result, ...", "Consequently, ...") or a
 * pronoun standing for what came before ("This weakened demand", "These closures ...").
 */
public final class SentenceLinks {

  /** One-word openers beside the result adverbs and anaphors; "The", "In", "As" alone link nothing. */
  private static final Set<String> LINK_WORDS = Set.of("so", "subsequently", "afterwards", "then", "such", "they");

  private static final List<List<String>> PHRASES = List.of(
      List.of("as", "a", "result"), List.of("as", "a", "consequence"), List.of("in", "response"),
      List.of("in", "turn"), List.of("because", "of", "this"), List.of("because", "of", "that"),
      List.of("due", "to", "this"), List.of("owing", "to", "this"), List.of("thanks", "to", "this"),
      List.of("after", "that"), List.of("following", "this"), List.of("the", "result"), List.of("the", "outcome"),
      List.of("the", "consequence"));

  private SentenceLinks() {}

  /** Whether {@code sentence} links back to the sentence before it. */
  public static boolean linksBack(Sentence sentence) {
    List<Token> tokens = sentence.tokens();
    if (tokens.isEmpty()) {
      return false;
    }
    for (List<String> phrase : PHRASES) {
      if (startsWith(tokens, phrase)) {
        return true;
      }
    }
    // A lone pronoun or demonstrative subject, or a one-word connective.
    String first = word(tokens.get(0));
    return CueLexicon.RESULT_ADVERBS.containsKey(first) || CueLexicon.ANAPHORS.contains(first)
        || LINK_WORDS.contains(first);
  }

  private static boolean startsWith(List<Token> tokens, List<String> phrase) {
    if (tokens.size() < phrase.size()) {
      return false;
    }
    for (int i = 0; i < phrase.size(); i++) {
      if (!word(tokens.get(i)).equals(phrase.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String word(Token t) {
    return t.word().toLowerCase(Locale.ROOT);
  }
}
