package org.causalworkbench.graph.score;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Belief in an edge, after INDRA's belief model: for evidence from judges s with systematic error
 * syst_s and random error rand_s,
 *
 * <pre>belief = 1 - prod_s (syst_s + prod_{d in docs of s} rand_{s,d})</pre>
 *
 * Several sentences from one document count once: per judge and document the most probable one
 * stands for the document. The judge's own probability p widens the random error of its evidence:
 * {@code rand_{s,d} = rand_s + (1 - rand_s)(1 - p)}, so p = 1 gives the prior and p = 0 gives no
 * support at all.
 *
 * <p>Evidence against an edge (for the opposite direction, or hedged or negated) is scored the
 * same way and discounts it: {@code belief = support × (1 − against)}.
 *
 * <p>Reviews update the judges, as INDRA World's Bayesian scorer does: each judge's random error
 * is the mean of a Beta prior worth {@code priorStrength} reviews at the configured rate, updated
 * with the analysts' counts, {@code rand = (rand_prior · n0 + incorrect) / (n0 + correct +
 * incorrect)}; the systematic error stays as configured.
 */
public final class BeliefModel {

  private final Map<String, JudgePrior> priors;
  private final JudgePrior unknownJudge;
  private final double priorStrength;
  private final Map<String, ReviewCounts> reviews;

  public BeliefModel(Map<String, JudgePrior> priors, JudgePrior unknownJudge) {
    this(priors, unknownJudge, 10, Map.of());
  }

  public BeliefModel(Map<String, JudgePrior> priors, JudgePrior unknownJudge, double priorStrength,
      Map<String, ReviewCounts> reviews) {
    this.priors = Map.copyOf(priors);
    this.unknownJudge = unknownJudge;
    this.priorStrength = priorStrength;
    this.reviews = Map.copyOf(reviews);
  }

  /** The same priors, updated with these review counts per judge. */
  public BeliefModel withReviews(Map<String, ReviewCounts> counts) {
    return new BeliefModel(priors, unknownJudge, priorStrength, counts);
  }

  /** Judges with a configured prior or with reviews; any other judge gets {@link #unknownPrior()}. */
  public java.util.Set<String> knownJudges() {
    java.util.Set<String> out = new java.util.TreeSet<>(priors.keySet());
    out.addAll(reviews.keySet());
    return out;
  }

  public JudgePrior unknownPrior() {
    return unknownJudge;
  }

  /** A judge's error rates after the reviews so far. */
  public JudgePrior prior(String judge) {
    JudgePrior prior = priors.getOrDefault(judge, unknownJudge);
    ReviewCounts r = reviews.getOrDefault(judge, ReviewCounts.NONE);
    if (r.correct() + r.incorrect() == 0) {
      return prior;
    }
    double random = (prior.randomError() * priorStrength + r.incorrect()) / (priorStrength + r.correct() + r.incorrect());
    return new JudgePrior(prior.systematicError(), random);
  }

  /** Support discounted by the evidence against. */
  public double belief(List<EvidencePoint> support, List<EvidencePoint> against) {
    return belief(support) * (1 - belief(against));
  }

  public double belief(List<EvidencePoint> evidence) {
    if (evidence.isEmpty()) {
      return 0;
    }
    Map<String, Map<String, Double>> bestByJudgeAndDocument = new HashMap<>();
    for (EvidencePoint e : evidence) {
      bestByJudgeAndDocument.computeIfAbsent(e.judgeId(), j -> new HashMap<>())
          .merge(e.documentId(), e.probability(), Math::max);
    }
    double allWrong = 1;
    for (Map.Entry<String, Map<String, Double>> judge : bestByJudgeAndDocument.entrySet()) {
      JudgePrior prior = prior(judge.getKey());
      double randomAllWrong = 1;
      for (double p : judge.getValue().values()) {
        randomAllWrong *= prior.randomError() + (1 - prior.randomError()) * (1 - clamp(p));
      }
      allWrong *= Math.min(1, prior.systematicError() + randomAllWrong);
    }
    return 1 - allWrong;
  }

  private static double clamp(double p) {
    return Math.max(0, Math.min(1, p));
  }
}
