package org.causalworkbench.graph.score;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.causalworkbench.core.model.Polarity;

/**
 * A straightforward reference for what {@link EdgeScorer} computes in SQL, written from the
 * formulas in its javadoc, edge by edge in plain Java: the tests' oracle, never used by the
 * product.
 */
public final class ReferenceBelief {

  /** What the belief and the flags need of one piece of evidence for an edge. */
  public record Point(String judgeId, String documentId, double probability, boolean crossSentence,
      boolean hedgedOrNegated, Polarity polarity) {}

  /** What an edge's flags need beyond its evidence. */
  public record Context(boolean reverseHasEvidence, boolean unansweredEvidence, boolean judgesDisagree,
      boolean inCycle) {}

  private final JudgeRates rates;
  private final double lowBelief;

  public ReferenceBelief(JudgeRates rates, double lowBelief) {
    this.rates = rates;
    this.lowBelief = lowBelief;
  }

  /** Support discounted by the evidence against. */
  public double belief(List<Point> support, List<Point> against) {
    return belief(support) * (1 - belief(against));
  }

  public double belief(List<Point> evidence) {
    if (evidence.isEmpty()) {
      return 0;
    }
    Map<String, Map<String, Double>> bestByJudgeAndDocument = new HashMap<>();
    for (Point e : evidence) {
      bestByJudgeAndDocument.computeIfAbsent(e.judgeId(), j -> new HashMap<>())
          .merge(e.documentId(), e.probability(), Math::max);
    }
    double allWrong = 1;
    for (Map.Entry<String, Map<String, Double>> judge : bestByJudgeAndDocument.entrySet()) {
      JudgePrior prior = rates.prior(judge.getKey());
      double randomAllWrong = 1;
      for (double p : judge.getValue().values()) {
        randomAllWrong *= prior.randomError() + (1 - prior.randomError()) * (1 - Math.max(0, Math.min(1, p)));
      }
      allWrong *= Math.min(1, prior.systematicError() + randomAllWrong);
    }
    return 1 - allWrong;
  }

  /** The flags of an undecided edge with this evidence. */
  public Set<EdgeFlag> flags(List<Point> support, List<Point> against, Context context) {
    Set<EdgeFlag> flags = EnumSet.noneOf(EdgeFlag.class);
    if (belief(support, against) < lowBelief) {
      flags.add(EdgeFlag.LOW_BELIEF);
    }
    if (context.reverseHasEvidence()) {
      flags.add(EdgeFlag.BOTH_DIRECTIONS);
    }
    if (support.stream().map(Point::documentId).distinct().count() == 1) {
      flags.add(EdgeFlag.SINGLE_DOCUMENT);
    }
    if (!support.isEmpty() && support.stream().allMatch(Point::crossSentence)) {
      flags.add(EdgeFlag.CROSS_SENTENCE_ONLY);
    }
    if (support.stream().anyMatch(Point::hedgedOrNegated)) {
      flags.add(EdgeFlag.HEDGED_OR_NEGATED);
    }
    if (context.unansweredEvidence()) {
      flags.add(EdgeFlag.REASONING_FAILED);
    }
    if (context.judgesDisagree()) {
      flags.add(EdgeFlag.JUDGES_DISAGREE);
    }
    if (context.inCycle()) {
      flags.add(EdgeFlag.IN_CYCLE);
    }
    if (support.stream().anyMatch(p -> p.polarity() == Polarity.INCREASES)
        && support.stream().anyMatch(p -> p.polarity() == Polarity.DECREASES)) {
      flags.add(EdgeFlag.POLARITY_CONFLICT);
    }
    return flags;
  }
}
