package org.causalworkbench.inference.cue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Mention;
import org.causalworkbench.core.model.Qualifier;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.inference.judge.CausalJudge;

/**
 * The rule judge: a pair is causal when a causal link of {@link CausalLinkFinder} joins a token of
 * one mention to a token of the other. Hedged links keep their direction at a lower probability
 * (times {@value #HEDGE_FACTOR}); negated links give {@code none}. No model, every verdict explains
 * itself.
 */
public final class CueJudge implements CausalJudge {

  public static final double HEDGE_FACTOR = 0.4;
  /** Probability of a causal claim when no cue joins the pair. */
  static final double NO_CUE = 0.05;
  static final double NEGATED = 0.02;

  private final CausalLinkFinder finder = new CausalLinkFinder();

  @Override
  public String id() {
    return "cue";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public List<Verdict> judge(List<CandidatePair> batch) {
    Map<String, List<CausalLink>> linksByUnit = new HashMap<>();
    List<Verdict> verdicts = new ArrayList<>(batch.size());
    for (CandidatePair pair : batch) {
      List<CausalLink> links = linksByUnit.computeIfAbsent(pair.unit().id(), u -> finder.links(pair.unit()));
      verdicts.add(decide(pair, links));
    }
    return verdicts;
  }

  private Verdict decide(CandidatePair pair, List<CausalLink> links) {
    CausalLink best = null;
    boolean forward = true;
    for (CausalLink link : links) {
      boolean ab = covers(pair.first(), link.causeSentence(), link.causeToken())
          && covers(pair.second(), link.effectSentence(), link.effectToken());
      boolean ba = covers(pair.second(), link.causeSentence(), link.causeToken())
          && covers(pair.first(), link.effectSentence(), link.effectToken());
      if ((ab || ba) && (best == null || strength(link) > strength(best))) {
        best = link;
        forward = ab;
      }
    }
    if (best == null) {
      return verdict(pair, CausalLabel.NONE, NO_CUE, pair.first(), pair.second(), "no causal cue joins the pair",
          EnumSet.noneOf(Qualifier.class));
    }
    Mention cause = forward ? pair.first() : pair.second();
    Mention effect = forward ? pair.second() : pair.first();
    String why = "cue '" + best.cue() + "' (" + best.rule() + "): cause '" + cause.span().text() + "', effect '"
        + effect.span().text() + "'";
    Set<Qualifier> qualifiers = EnumSet.noneOf(Qualifier.class);
    if (best.negated()) {
      qualifiers.add(Qualifier.NEGATED);
      return verdict(pair, CausalLabel.NONE, NEGATED, cause, effect, "negated " + why, qualifiers);
    }
    double p = best.probability();
    if (best.hedged()) {
      qualifiers.add(Qualifier.HEDGED);
      p = weighed(p, true);
      why = "hedged " + why;
    }
    CausalLabel label = forward ? CausalLabel.CAUSE_TO_EFFECT : CausalLabel.EFFECT_TO_CAUSE;
    return verdict(pair, label, p, cause, effect, why, qualifiers);
  }

  /** What a statement's probability counts for as evidence: a hedged one ("may lead to") for less. */
  public static double weighed(double probability, boolean hedged) {
    return hedged ? probability * HEDGE_FACTOR : probability;
  }

  /** Unhedged, unnegated links win over qualified ones; then the more probable. */
  private static double strength(CausalLink link) {
    return link.probability() - (link.negated() || link.hedged() ? 1 : 0);
  }

  private static boolean covers(Mention mention, int sentence, int token) {
    return mention.covers(sentence, token);
  }

  private Verdict verdict(CandidatePair pair, CausalLabel label, double probability, Mention cause, Mention effect,
      String explanation, Set<Qualifier> qualifiers) {
    String documentId = pair.unit().documentId();
    return new Verdict(
        ContentIds.evidenceId(documentId, pair.first().span(), pair.second().span(), id(), version()),
        pair.id(), documentId, pair.unit().id(), pair.unit().sentenceIndexes(), label, probability, id(), version(),
        cause.span(), effect.span(), cause.variable(), effect.variable(), explanation, qualifiers);
  }
}
