package org.causalworkbench.inference.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.Mention;
import org.causalworkbench.core.model.Relation;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Token;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;

/**
 * A pair judge asked to verify an extractor's relations ({@code extraction.verify}): each relation's
 * cause and effect become a candidate pair, and the relation stands only when the judge says that
 * cause causes that effect; its probability is then the lower of the two, and the judge's reason is
 * added to its explanation. One judge call per relation, not per noun pair.
 */
public final class RelationVerifier implements AutoCloseable {

  private final CausalJudge judge;

  public RelationVerifier(CausalJudge judge) {
    this.judge = judge;
  }


  /**
   * The relations of {@code unit} the judge confirms; relations not placed in the text pass
   * through, and those whose spans hold no token of the unit are dropped (they name no variable).
   */
  public List<Relation> verify(Unit unit, List<Relation> relations) {
    List<CandidatePair> pairs = new ArrayList<>();
    List<Relation> asked = new ArrayList<>();
    List<Relation> out = new ArrayList<>();
    for (Relation r : relations) {
      if (!r.located()) {
        out.add(r);
        continue;
      }
      Mention cause = mention(unit, r.cause());
      Mention effect = mention(unit, r.effect());
      if (cause == null || effect == null) {
        continue;
      }
      boolean causeFirst = cause.span().begin() <= effect.span().begin();
      pairs.add(CandidatePair.of(unit, causeFirst ? cause : effect, causeFirst ? effect : cause));
      asked.add(r);
    }
    List<Verdict> verdicts = pairs.isEmpty() ? List.of() : judge.judge(pairs);
    for (int i = 0; i < asked.size(); i++) {
      Relation r = asked.get(i);
      Verdict v = verdicts.get(i);
      int causeAt = unit.documentOffset(r.cause().begin());
      if (v.label().causal() && v.cause().begin() == causeAt) {
        out.add(r.withProbability(Math.min(r.probability(), v.probability()), r.explanation()
            + String.format(Locale.ROOT, "; verified by the %s judge (p = %.3f): %s", judge.id(), v.probability(),
            firstLine(v.explanation()))));
      }
    }
    return out;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** A span of the unit's text as a mention of the sentence it starts in, headed by its last noun. */
  static Mention mention(Unit unit, Span unitSpan) {
    int begin = unit.documentOffset(unitSpan.begin());
    int end = unit.documentOffset(unitSpan.end());
    for (Sentence s : unit.sentences()) {
      if (begin < s.begin() || begin >= s.end()) {
        continue;
      }
      int first = -1;
      int last = -1;
      int head = -1;
      for (Token t : s.tokens()) {
        if (t.end() > begin && t.begin() < end) {
          first = first < 0 ? t.index() : first;
          last = t.index();
          head = t.isNoun() ? t.index() : head;
        }
      }
      if (first < 0) {
        return null;
      }
      Span span = new Span(begin, end, unitSpan.text());
      return new Mention(span, s.index(), first, last, head < 0 ? last : head, unitSpan.text());
    }
    return null;
  }

  @Override
  public void close() {
    judge.close();
  }
}
