package org.causalworkbench.inference.cue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.causalworkbench.core.model.Dependency;
import org.causalworkbench.core.model.Relation;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Token;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.inference.judge.CausalExtractor;
import org.causalworkbench.inference.judge.UnitRelations;

/**
 * The {@code cue} extractor: the rule links of {@link CausalLinkFinder} as relations. Each link
 * joins two argument head tokens; an argument's span is its head's noun phrase in the dependency
 * parse (modifiers, compounds, "of" phrases; not relative clauses), the signal is the cue word.
 * Needs CoreNLP's dependency parses. The baseline the learned extractors are compared with.
 */
public final class CueExtractor implements CausalExtractor {

  public static final String ID = "cue";
  /** Relations that keep a noun phrase together: what an argument's span takes from under its head. */
  private static final Set<String> PHRASE_RELATIONS = Set.of(
      "amod", "compound", "det", "nummod", "flat", "nmod", "case", "nmod:poss", "advmod", "obl:npmod", "fixed");

  private final CausalLinkFinder finder = new CausalLinkFinder();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public List<UnitRelations> extract(List<Unit> batch) {
    List<UnitRelations> out = new ArrayList<>(batch.size());
    for (Unit unit : batch) {
      List<Relation> relations = new ArrayList<>();
      for (CausalLink link : finder.links(unit)) {
        Span cause = phrase(unit, unit.sentence(link.causeSentence()), link.causeToken());
        Span effect = phrase(unit, unit.sentence(link.effectSentence()), link.effectToken());
        Span signal = signal(unit, unit.sentence(link.effectSentence()), link);
        if (cause.overlaps(effect) || relations.stream().anyMatch(r -> r.cause().equals(cause)
            && r.effect().equals(effect))) {
          continue;
        }
        Relation found = Claims.relation(unit, cause, effect, signal, link.probability(), ID, version(),
            "cue '" + link.cue() + "' (" + link.rule() + ")");
        relations.add(link.hedged() || link.negated() ? withRuleQualifiers(found, link) : found);
      }
      relations.sort((a, b) -> Double.compare(b.probability(), a.probability()));
      out.add(UnitRelations.of(unit, relations));
    }
    return out;
  }

  /** The parse's own reading of hedging and negation is kept over the word-level one. */
  private static Relation withRuleQualifiers(Relation r, CausalLink link) {
    return r.withQualifiers(link.hedged(), link.negated());
  }

  /**
   * The cue's own words as the signal ("due to", "because", "caused ... by" as "caused"): the first
   * word of {@link CausalLink#cue()} nearest the token the rule hangs on, with the cue's next words
   * when they follow it; that token itself when the words are not found.
   */
  static Span signal(Unit unit, Sentence s, CausalLink link) {
    String[] words = link.cue().toLowerCase(Locale.ROOT).split(" ");
    List<Token> tokens = s.tokens();
    int best = -1;
    for (Token t : tokens) {
      if (t.word().toLowerCase(Locale.ROOT).equals(words[0])
          && (best < 0 || Math.abs(t.index() - link.cueToken()) < Math.abs(best - link.cueToken()))) {
        best = t.index();
      }
    }
    if (best < 0) {
      Token t = tokens.get(link.cueToken());
      return unitSpan(unit, t.begin(), t.end());
    }
    int last = best;
    for (int w = 1; w < words.length && last + 1 < tokens.size()
        && tokens.get(last + 1).word().toLowerCase(Locale.ROOT).equals(words[w]); w++) {
      last++;
    }
    return unitSpan(unit, tokens.get(best).begin(), tokens.get(last).end());
  }

  /** The noun phrase headed by {@code head}: the head and its phrase-internal dependents, recursively. */
  static Span phrase(Unit unit, Sentence s, int head) {
    int first = head;
    int last = head;
    List<Integer> todo = new ArrayList<>(List.of(head));
    while (!todo.isEmpty()) {
      int h = todo.remove(todo.size() - 1);
      for (Dependency d : s.dependencies()) {
        if (d.governor() == h && d.dependent() != h && keeps(d.relation())) {
          first = Math.min(first, d.dependent());
          last = Math.max(last, d.dependent());
          todo.add(d.dependent());
        }
      }
    }
    List<Token> tokens = s.tokens();
    // A hyphenated modifier the parse split ("gas - fired generation") stays whole.
    while (first >= 2 && tokens.get(first - 1).word().equals("-") && tokens.get(first - 1).begin() == tokens.get(first - 2)
        .end() && tokens.get(first - 1).end() == tokens.get(first).begin()) {
      first -= 2;
    }
    while (first < last && isEdgePunctuation(tokens.get(first))) {
      first++;
    }
    while (last > first && isEdgePunctuation(tokens.get(last))) {
      last--;
    }
    return unitSpan(unit, tokens.get(first).begin(), tokens.get(last).end());
  }

  private static boolean keeps(String relation) {
    String base = relation.contains(":") && !PHRASE_RELATIONS.contains(relation)
        ? relation.substring(0, relation.indexOf(':')) : relation;
    return PHRASE_RELATIONS.contains(relation) || PHRASE_RELATIONS.contains(base);
  }

  private static boolean isEdgePunctuation(Token t) {
    return !Character.isLetterOrDigit(t.word().charAt(0));
  }

  /** Document offsets [begin, end) as a span of the unit's text. */
  static Span unitSpan(Unit unit, int documentBegin, int documentEnd) {
    int begin = unit.offsetOf(documentBegin);
    int end = unit.offsetOf(documentEnd);
    return new Span(begin, end, unit.text().substring(begin, end));
  }
}
