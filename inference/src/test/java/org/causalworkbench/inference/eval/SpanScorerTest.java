package org.causalworkbench.inference.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.causalworkbench.core.metrics.Confusion;
import org.causalworkbench.inference.tagger.SpanRelation;
import org.causalworkbench.inference.tagger.TaggedText;
import org.junit.jupiter.api.Test;

/** The Causal News Corpus subtask 2 scoring on small cases counted by hand. */
class SpanScorerTest {

  private static SpanRelation r(String tagged) {
    return TaggedText.parse(tagged).relation();
  }

  private static String text(String tagged) {
    return TaggedText.parse(tagged).text();
  }

  @Test
  void aHandCountedCaseWithTwoRelationsMatchedInTheBestOrder() {
    // Gold: two relations. Predicted (most probable first): the second gold relation exactly, then the
    // first with the cause one word too long and no signal.
    String g1 = "<ARG0>Heavy snow</ARG0> <SIG0>closed</SIG0> <ARG1>the pass</ARG1> and the airport stayed shut .";
    String g2b = "<ARG0>Heavy snow</ARG0> closed the pass and <ARG1>the airport stayed shut</ARG1> .";
    String p1 = g2b;
    String p2 = "<ARG0>Heavy snow closed</ARG0> <ARG1>the pass</ARG1> and the airport stayed shut .";
    String text = text(g1);
    SpanScorer.Result result = SpanScorer.score(List.of(new SpanScorer.Row(text, List.of(r(g1), r(g2b)),
        List.of(r(p1), r(p2)))));
    // Best order: p1 with g2b (cause, effect right), p2 with g1 (effect right, cause wrong, signal missed).
    assertEquals(new Confusion(1, 1, 1, 0), result.kind(SpanScorer.Kind.CAUSE));
    assertEquals(new Confusion(2, 0, 0, 0), result.kind(SpanScorer.Kind.EFFECT));
    assertEquals(new Confusion(0, 0, 1, 0), result.kind(SpanScorer.Kind.SIGNAL));
    Confusion overall = result.overall();
    assertEquals(new Confusion(3, 1, 2, 0), overall);
    assertEquals(0.75, overall.precision(), 1e-9);
    assertEquals(0.6, overall.recall(), 1e-9);
    assertEquals(2 * 0.75 * 0.6 / 1.35, overall.f1(), 1e-9);
    assertEquals(1, result.texts());
  }

  @Test
  void onlyTheFirstNPredictionsCountAndMissingOnesAreUntagged() {
    String g = "<ARG1>Schools closed</ARG1> <SIG0>because of</SIG0> <ARG0>the storm</ARG0> .";
    String right = g;
    String wrong = "<ARG0>Schools</ARG0> closed because of <ARG1>the storm</ARG1> .";
    String text = text(g);
    // One gold relation: the second prediction is ignored, whatever it says.
    SpanScorer.Result kept = SpanScorer.score(List.of(new SpanScorer.Row(text, List.of(r(g)),
        List.of(r(right), r(wrong)))));
    assertEquals(new Confusion(3, 0, 0, 0), kept.overall());
    // No prediction: every gold span is missed, nothing is wrongly claimed.
    SpanScorer.Result none = SpanScorer.score(List.of(new SpanScorer.Row(text, List.of(r(g)), List.of())));
    assertEquals(new Confusion(0, 0, 3, 0), none.overall());
  }

  @Test
  void textsWithoutGoldRelationsAreNotScored() {
    String text = "The market opened late .";
    String predicted = "<ARG0>The market</ARG0> <ARG1>opened late</ARG1> .";
    SpanScorer.Result result = SpanScorer.score(List.of(new SpanScorer.Row(text, List.of(), List.of(r(predicted)))));
    assertEquals(0, result.texts());
    assertEquals(Confusion.EMPTY, result.overall());
  }

  @Test
  void spansCoverTheSpaceSeparatedWordsTheyOverlap() {
    List<int[]> words = SpanScorer.words("a bc  d");
    assertEquals(3, words.size());
    assertEquals(1, SpanScorer.wordSpan(new org.causalworkbench.core.model.Span(3, 4, "c"), words)[0]);
  }
}
