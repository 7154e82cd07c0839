package org.causalworkbench.extraction.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.causalworkbench.extraction.annotate.CoreNlpAnnotator;
import org.causalworkbench.extraction.candidates.CandidatePairGenerator;
import org.causalworkbench.extraction.candidates.MentionExtractor;
import org.causalworkbench.inference.cue.CueJudge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Text-level detection, through the cue links and through a pair judge over the job's candidates. */
class DetectorsTest {

  static CoreNlpAnnotator annotator;

  @BeforeAll
  static void load() {
    annotator = new CoreNlpAnnotator("tokenize,ssplit,pos,lemma,depparse", 120);
  }

  @Test
  void bothDetectorsTellCausalFromPlainHedgedAndNegatedText() {
    CueDetector cue = new CueDetector(annotator);
    PairJudgeDetector pairs = new PairJudgeDetector(annotator, new CandidatePairGenerator(new MentionExtractor(), 40),
        new CueJudge());
    String causal = "The late frost destroyed the apple blossoms, so the harvest fell by half.";
    String plain = "The orchard lies two miles north of the village church.";
    String hedged = "Some growers think the late frost may have hurt the blossoms.";
    String negated = "The frost did not cause the poor harvest.";
    for (var detector : java.util.List.of(cue, pairs)) {
      assertEquals(Boolean.TRUE, detector.detect(causal).join().causal(), detector.getClass().getSimpleName());
      assertEquals(Boolean.FALSE, detector.detect(plain).join().causal(), detector.getClass().getSimpleName());
      assertEquals(Boolean.FALSE, detector.detect(hedged).join().causal(), detector.getClass().getSimpleName());
      assertEquals(Boolean.FALSE, detector.detect(negated).join().causal(), detector.getClass().getSimpleName());
    }
  }
}
