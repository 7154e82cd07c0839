package org.causalworkbench.graph.score;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Each judge's error rates, as INDRA's belief model uses them: a systematic error (the judge is
 * wrong about this kind of statement however often it repeats it) and a random error (one
 * sentence is wrong by chance). Configured per judge; a judge without a prior gets a cautious one.
 *
 * <p>Reviews update the judges, as INDRA World's Bayesian scorer does: each judge's random error
 * is the mean of a Beta prior worth {@code priorStrength} reviews at the configured rate, updated
 * with the analysts' counts, {@code rand = (rand_prior · n0 + incorrect) / (n0 + correct +
 * incorrect)}; the systematic error stays as configured. {@link EdgeScorer} turns the rates into
 * beliefs.
 */
public final class JudgeRates {

  private final Map<String, JudgePrior> priors;
  private final JudgePrior unknownJudge;
  private final double priorStrength;
  private final Map<String, ReviewCounts> reviews;

  public JudgeRates(Map<String, JudgePrior> priors, JudgePrior unknownJudge) {
    this(priors, unknownJudge, 10, Map.of());
  }

  public JudgeRates(Map<String, JudgePrior> priors, JudgePrior unknownJudge, double priorStrength,
      Map<String, ReviewCounts> reviews) {
    this.priors = Map.copyOf(priors);
    this.unknownJudge = unknownJudge;
    this.priorStrength = priorStrength;
    this.reviews = Map.copyOf(reviews);
  }

  /** The same priors, updated with these review counts per judge. */
  public JudgeRates withReviews(Map<String, ReviewCounts> counts) {
    return new JudgeRates(priors, unknownJudge, priorStrength, counts);
  }

  /** Judges with a configured prior or with reviews; any other judge gets {@link #unknownPrior()}. */
  public Set<String> knownJudges() {
    Set<String> out = new TreeSet<>(priors.keySet());
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
}
