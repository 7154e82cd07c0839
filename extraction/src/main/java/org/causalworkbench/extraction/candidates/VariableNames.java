package org.causalworkbench.extraction.candidates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.causalworkbench.core.model.Token;

/**
 * Turns a noun phrase into a variable name: lower case; nouns lemmatised (plural to singular);
 * determiners, numbers and possessives dropped; and adjectives that only say how much or which way
 * something changed ("heavy", "severe", "rising", and every comparative or superlative) dropped, because the variable is the
 * thing that changes, not the size of the change. "Heavy rainfall" and "rainfall" name one variable;
 * "contaminated water" stays apart from "water".
 */
public final class VariableNames {

  static final Set<String> DEGREE_WORDS = Set.of(
      "heavy", "severe", "sharp", "prolonged", "significant", "major", "minor", "large", "small", "big",
      "high", "higher", "highest", "low", "lower", "lowest", "great", "greater", "strong", "stronger", "weak",
      "weaker", "rising", "falling", "increasing", "decreasing", "declining", "growing", "increased",
      "decreased", "reduced", "elevated", "more", "less", "fewer", "much", "many", "several", "sudden",
      "steady", "rapid", "slow", "substantial", "widespread", "frequent", "persistent", "extreme", "recent",
      "new", "further", "other", "same", "such", "certain", "overall", "total", "additional", "excessive",
      "chronic", "long", "short", "longer", "shorter", "worse", "better", "poor", "poorer", "good");

  private VariableNames() {}

  /** The variable name of {@code tokens} (a phrase ending in its head noun). */
  public static String of(List<Token> tokens) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      String pos = t.pos();
      boolean head = i == tokens.size() - 1;
      if (pos.equals("DT") || pos.equals("CD") || pos.equals("PRP$") || pos.equals("POS")) {
        continue;
      }
      String word = t.word().toLowerCase(Locale.ROOT);
      if (!head && (DEGREE_WORDS.contains(word) || pos.equals("JJR") || pos.equals("JJS"))) {
        continue;
      }
      if (pos.startsWith("NN")) {
        word = pos.equals("NNS") || pos.equals("NNPS") ? t.lemma().toLowerCase(Locale.ROOT) : word;
      }
      words.add(word);
    }
    if (words.isEmpty()) {
      Token head = tokens.get(tokens.size() - 1);
      return head.lemma().toLowerCase(Locale.ROOT);
    }
    return String.join(" ", words);
  }
}
