package org.causalworkbench.graph.score;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Scores one edge from its evidence: belief, counts and flags. */
public final class EdgeScorer {

  /** The result for one edge. */
  public record EdgeScore(double belief, int evidenceCount, int documentCount, Set<EdgeFlag> flags) {}

  private final BeliefModel beliefModel;
  private final double lowBelief;

  public EdgeScorer(BeliefModel beliefModel, double lowBelief) {
    this.beliefModel = beliefModel;
    this.lowBelief = lowBelief;
  }

  /**
   * @param reverseHasEvidence whether the opposite edge has causal evidence of its own
   */
  public EdgeScore score(List<EvidencePoint> evidence, boolean reverseHasEvidence) {
    return score(evidence, reverseHasEvidence, false);
  }

  /**
   * @param reverseHasEvidence whether the opposite edge has causal evidence of its own
   * @param unansweredEvidence whether some verdict on the same two variables has no answer
   */
  public EdgeScore score(List<EvidencePoint> evidence, boolean reverseHasEvidence, boolean unansweredEvidence) {
    double belief = beliefModel.belief(evidence);
    int documents = (int) evidence.stream().map(EvidencePoint::documentId).distinct().count();
    Set<EdgeFlag> flags = EnumSet.noneOf(EdgeFlag.class);
    if (belief < lowBelief) {
      flags.add(EdgeFlag.LOW_BELIEF);
    }
    if (reverseHasEvidence) {
      flags.add(EdgeFlag.BOTH_DIRECTIONS);
    }
    if (documents == 1) {
      flags.add(EdgeFlag.SINGLE_DOCUMENT);
    }
    if (!evidence.isEmpty() && evidence.stream().allMatch(EvidencePoint::crossSentence)) {
      flags.add(EdgeFlag.CROSS_SENTENCE_ONLY);
    }
    if (evidence.stream().anyMatch(EvidencePoint::hedgedOrNegated)) {
      flags.add(EdgeFlag.HEDGED_OR_NEGATED);
    }
    if (unansweredEvidence) {
      flags.add(EdgeFlag.REASONING_FAILED);
    }
    return new EdgeScore(belief, evidence.size(), documents, flags);
  }
}
