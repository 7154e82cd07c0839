package org.causalworkbench.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.causalworkbench.extraction.annotate.CoreNlpAnnotator;
import org.causalworkbench.extraction.candidates.CandidatePairGenerator;
import org.causalworkbench.extraction.candidates.MentionExtractor;
import org.causalworkbench.inference.encoder.PairExample;
import org.junit.jupiter.api.Test;

class CandidatePairExamplesTest {

  private static String cause(PairExample e) {
    return e.text().substring(e.causeBegin(), e.causeEnd());
  }

  private static String effect(PairExample e) {
    return e.text().substring(e.effectBegin(), e.effectEnd());
  }

  @Test
  void mentionsInsideTheLabelledSpansBecomeTheCausalPairBothWays() {
    CandidatePairExamples maker = new CandidatePairExamples(
        new CoreNlpAnnotator("tokenize,ssplit,pos,lemma,depparse", 120),
        new CandidatePairGenerator(new MentionExtractor(), 40), 1, 5);
    String text = "Last winter the heavy snow on the pass caused a long road closure near the old mill.";
    int c = text.indexOf("the heavy snow on the pass");
    int e = text.indexOf("a long road closure");
    List<PairExample> examples = maker.from(new PairExample(text, c, c + "the heavy snow on the pass".length(), e,
        e + "a long road closure".length(), true, "test"));

    List<PairExample> causal = examples.stream().filter(PairExample::causal).toList();
    assertEquals(1, causal.size(), examples.toString());
    assertEquals("heavy snow", cause(causal.get(0)));
    assertEquals("long road closure", effect(causal.get(0)));
    assertTrue(examples.stream().anyMatch(x -> !x.causal() && cause(x).equals("long road closure")
        && effect(x).equals("heavy snow")), "the reverse direction is a negative");
    long unrelated = examples.stream().filter(x -> !x.causal()).count() - 1;
    assertEquals(1, unrelated, "one other pair kept, as asked");

    List<PairExample> none = maker.from(new PairExample(text, c, c + 5, e, e + 5, false, "test"));
    assertTrue(none.stream().noneMatch(PairExample::causal), "a non-causal label gives no causal pair");
  }
}
