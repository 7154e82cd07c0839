package org.causalworkbench.graph.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference belief against hand-computed values, and the judges' rates after reviews. */
class ReferenceBeliefTest {

  private final JudgeRates rates = new JudgeRates(
      Map.of("cue", new JudgePrior(0.05, 0.3), "llm", new JudgePrior(0.1, 0.2)), new JudgePrior(0.1, 0.4));
  private final ReferenceBelief model = new ReferenceBelief(rates, 0.5);

  private static ReferenceBelief.Point ev(String judge, String doc, double p) {
    return new ReferenceBelief.Point(judge, doc, p, false, false, org.causalworkbench.core.model.Polarity.UNKNOWN);
  }

  @Test
  void oneCertainSentenceGivesOneMinusBothErrors() {
    assertEquals(1 - (0.05 + 0.3), model.belief(List.of(ev("cue", "d1", 1.0))), 1e-12);
  }

  @Test
  void probabilityWidensRandomError() {
    // rand = 0.3 + 0.7 * (1 - 0.9) = 0.37
    assertEquals(1 - (0.05 + 0.37), model.belief(List.of(ev("cue", "d1", 0.9))), 1e-12);
  }

  @Test
  void twoSentencesOfOneDocumentCountOnceWithTheBestProbability() {
    double one = model.belief(List.of(ev("cue", "d1", 0.9)));
    assertEquals(one, model.belief(List.of(ev("cue", "d1", 0.9), ev("cue", "d1", 0.6))), 1e-12);
  }

  @Test
  void twoDocumentsMultiplyRandomErrors() {
    // 1 - (0.05 + 0.37 * 0.37)
    assertEquals(1 - (0.05 + 0.37 * 0.37), model.belief(List.of(ev("cue", "d1", 0.9), ev("cue", "d2", 0.9))), 1e-12);
  }

  @Test
  void twoJudgesMultiplyTheirMisses() {
    double expected = 1 - (0.05 + 0.3) * (0.1 + 0.2);
    assertEquals(expected, model.belief(List.of(ev("cue", "d1", 1.0), ev("llm", "d1", 1.0))), 1e-12);
  }

  @Test
  void noEvidenceNoBelief() {
    assertEquals(0, model.belief(List.of()));
  }

  @Test
  void scorerFlagsSingleDocumentCrossSentenceLowBeliefBothDirectionsAndUnanswered() {
    List<ReferenceBelief.Point> weak = List.of(
        new ReferenceBelief.Point("cue", "d1", 0.3, true, true, org.causalworkbench.core.model.Polarity.INCREASES),
        new ReferenceBelief.Point("cue", "d1", 0.2, true, true, org.causalworkbench.core.model.Polarity.DECREASES));
    assertTrue(model.belief(weak, List.of()) < 0.5);
    assertEquals(java.util.EnumSet.allOf(EdgeFlag.class),
        model.flags(weak, List.of(), new ReferenceBelief.Context(true, true, true, true)));

    assertTrue(model.flags(List.of(ev("cue", "d1", 0.95), ev("cue", "d2", 0.95)), List.of(),
        new ReferenceBelief.Context(false, false, false, false)).isEmpty());
  }

  @Test
  void evidenceForTheOppositeDirectionDiscountsTheEdge() {
    // support 1 - (0.05 + 0.37) = 0.58; against the same: 0.58 * (1 - 0.58)
    assertEquals(0.58 * 0.42, model.belief(List.of(ev("cue", "d1", 0.9)), List.of(ev("cue", "d2", 0.9))), 1e-12);
    assertEquals(0.58, model.belief(List.of(ev("cue", "d1", 0.9)), List.of()), 1e-12);
  }

  @Test
  void reviewsMoveAJudgesRandomErrorLikeABetaPosterior() {
    // prior rand 0.3 worth 10 reviews; one correct: (3 + 0) / 11; then one rejected too: (3 + 1) / 12
    JudgeRates oneRight = rates.withReviews(java.util.Map.of("cue", new ReviewCounts(1, 0)));
    assertEquals(3.0 / 11, oneRight.prior("cue").randomError(), 1e-12);
    assertEquals(0.05, oneRight.prior("cue").systematicError(), 1e-12);
    double rand = 3.0 / 11 + (1 - 3.0 / 11) * 0.1;
    assertEquals(1 - (0.05 + rand), new ReferenceBelief(oneRight, 0.5).belief(List.of(ev("cue", "d1", 0.9))), 1e-12);
    JudgeRates mixed = rates.withReviews(java.util.Map.of("cue", new ReviewCounts(1, 1)));
    assertEquals(4.0 / 12, mixed.prior("cue").randomError(), 1e-12);
    assertEquals(rates.prior("llm"), mixed.prior("llm"), "a judge nobody reviewed keeps its prior");
  }
}
