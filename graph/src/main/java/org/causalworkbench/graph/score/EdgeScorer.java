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
    return score(evidence, List.of(), new Context(reverseHasEvidence, unansweredEvidence, false, false));
  }

  /**
   * What an edge's flags need beyond its evidence.
   *
   * @param reverseHasEvidence the opposite edge has causal evidence of its own
   * @param unansweredEvidence some verdict on the same two variables has no answer
   * @param judgesDisagree two judges labelled one of its candidate pairs differently
   * @param inCycle the edge lies on a directed cycle (see {@code CycleFlagger})
   */
  public record Context(boolean reverseHasEvidence, boolean unansweredEvidence, boolean judgesDisagree,
      boolean inCycle) {}

  /** The reviews so far applied to the judges' error rates. */
  public EdgeScorer withReviews(java.util.Map<String, ReviewCounts> counts) {
    return new EdgeScorer(beliefModel.withReviews(counts), lowBelief);
  }

  public double lowBelief() {
    return lowBelief;
  }

  public BeliefModel beliefModel() {
    return beliefModel;
  }

  /**
   * @param evidence the edge's own causal evidence, rejected sentences left out
   * @param against evidence for the opposite direction and negations of the edge
   */
  public EdgeScore score(List<EvidencePoint> evidence, List<EvidencePoint> against, Context context) {
    boolean reverseHasEvidence = context.reverseHasEvidence();
    boolean unansweredEvidence = context.unansweredEvidence();
    double belief = beliefModel.belief(evidence, against);
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
    if (context.judgesDisagree()) {
      flags.add(EdgeFlag.JUDGES_DISAGREE);
    }
    if (context.inCycle()) {
      flags.add(EdgeFlag.IN_CYCLE);
    }
    return new EdgeScore(belief, evidence.size(), documents, flags);
  }
}
