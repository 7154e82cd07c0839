package org.causalworkbench.extraction.candidates;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.causalworkbench.core.model.Mention;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Token;
import org.causalworkbench.extraction.variables.VariableNormaliser;

/**
 * Where a sentence yields its candidate variables. The rule, on part-of-speech tags only (no NER,
 * no constituency parse):
 *
 * <ul>
 *   <li>a mention is a maximal run of adjectives (JJ*), nouns (NN*) and participles (VBN, VBG)
 *       that ends in a noun; leading participles count only when a noun follows;
 *   <li>its head is the last noun; determiners and numbers are never inside it;
 *   <li>a participle that the dependency parse makes a clause head ends the phrase;
 *   <li>a participle right after a hyphen ("drought-induced") starts no mention, so the part
 *       before the hyphen stands alone as the cause of what follows;
 *   <li>pronouns and a few empty nouns ("fact", "way", "lot") are not mentions.
 * </ul>
 *
 * A mention's variable name is the {@link VariableNormaliser}'s, as for extracted spans; a phrase
 * that names nothing (a generic head alone) is no mention.
 */
public final class MentionExtractor {

  private final VariableNormaliser names = new VariableNormaliser();

  private static final Set<String> EMPTY_HEADS = Set.of(
      "fact", "way", "lot", "kind", "sort", "type", "part", "number", "result", "effect", "cause",
      "consequence", "reason", "case", "thing", "time", "year", "month", "week", "day", "percent", "%");

  public List<Mention> mentions(Sentence sentence) {
    List<Token> tokens = sentence.tokens();
    List<Mention> mentions = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      if (!canStart(sentence, i)) {
        i++;
        continue;
      }
      int j = i;
      while (j + 1 < tokens.size() && inPhrase(tokens.get(j + 1)) && !actsAsVerb(sentence, j + 1)) {
        j++;
      }
      int head = j;
      while (head >= i && !tokens.get(head).isNoun()) {
        head--;
      }
      String name = head >= i && !EMPTY_HEADS.contains(tokens.get(head).lemma().toLowerCase(java.util.Locale.ROOT))
          ? names.name(tokens.subList(i, head + 1)) : null;
      if (name != null) {
        Token a = tokens.get(i);
        Token b = tokens.get(head);
        String text = sentence.text().substring(a.begin() - sentence.begin(), b.end() - sentence.begin());
        mentions.add(new Mention(new Span(a.begin(), b.end(), text), sentence.index(), i, head, head, name));
      }
      i = j + 1;
    }
    return mentions;
  }

  private static boolean inPhrase(Token t) {
    String pos = t.pos();
    return pos.startsWith("NN") || pos.startsWith("JJ") || pos.equals("VBN") || pos.equals("VBG");
  }

  /**
   * A participle the parser made a clause head ("rates reduced demand", "deforestation causing
   * erosion") ends the phrase: it is the verb between two mentions, not a modifier.
   */
  private static boolean actsAsVerb(Sentence sentence, int i) {
    String pos = sentence.tokens().get(i).pos();
    if (!pos.equals("VBN") && !pos.equals("VBG")) {
      return false;
    }
    if (!sentence.dependents(i, "nsubj").isEmpty() || !sentence.dependents(i, "obj").isEmpty()
        || !sentence.dependents(i, "nsubj:pass").isEmpty() || !sentence.dependents(i, "obl").isEmpty()) {
      return true;
    }
    var head = sentence.headOf(i);
    return head != null && (head.governor() < 0 || head.relation().startsWith("acl"));
  }

  private static boolean canStart(Sentence sentence, int i) {
    List<Token> tokens = sentence.tokens();
    Token t = tokens.get(i);
    if (actsAsVerb(sentence, i)) {
      return false;
    }
    if (!inPhrase(t)) {
      return false;
    }
    boolean afterHyphen = i > 0 && tokens.get(i - 1).pos().equals("HYPH");
    if ((t.pos().equals("VBN") || t.pos().equals("VBG")) && afterHyphen) {
      return false;
    }
    if (t.pos().equals("VBN") || t.pos().equals("VBG")) {
      // A participle starts a phrase only as a modifier: a noun must follow it directly.
      return i + 1 < tokens.size() && (tokens.get(i + 1).isNoun() || tokens.get(i + 1).pos().startsWith("JJ"));
    }
    return true;
  }

}
