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
 */
public final class BeliefModel {

  private final Map<String, JudgePrior> priors;
  private final JudgePrior unknownJudge;

  public BeliefModel(Map<String, JudgePrior> priors, JudgePrior unknownJudge) {
    this.priors = Map.copyOf(priors);
    this.unknownJudge = unknownJudge;
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
      JudgePrior prior = priors.getOrDefault(judge.getKey(), unknownJudge);
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
