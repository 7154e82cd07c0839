package org.causalworkbench.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Mention;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weights that ship in the jar load offline (surefire runs with ai.djl.offline=true) on top of
 * the pretrained encoder from the Maven artifact, and give their known outputs on sentences of ours.
 * The pinned probabilities change only when the weights or the model code do; then re-pin them
 * from this test's printout after checking the decisions still hold.
 */
class ShippedEncoderTest {

  @TempDir Path dir;

  private static final List<String> CAUSAL = List.of(
      "Heavy rain overnight caused flooding in the low streets of the harbour town.",
      "The factory closed after the council withdrew its subsidy, and two hundred workers lost their jobs.",
      "Protesters blocked the motorway to oppose the new fuel tax.");
  private static final List<String> NOT_CAUSAL = List.of(
      "The library opens at nine on weekdays and at ten on Saturdays.",
      "The minister visited three schools in the northern district on Tuesday.",
      "The committee has twelve members, four of them economists.");

  @Test
  void theShippedWeightsLoadOfflineAndGiveTheirKnownOutputs() {
    assertNotNull(EncoderJudge.class.getResourceAsStream(BundledEncoder.MINILM_L6.shippedWeights()), "no weights ship in this build");
    WorkbenchConfig config = WorkbenchConfig.defaults().with(WorkbenchOptions.DATA_DIR, dir.toString());
    try (EncoderJudge judge = new EncoderJudge(config)) {
      double[] causal = CAUSAL.stream().mapToDouble(judge::unitProbability).toArray();
      double[] notCausal = NOT_CAUSAL.stream().mapToDouble(judge::unitProbability).toArray();
      System.out.printf("shipped encoder, causal texts %s, other texts %s%n", java.util.Arrays.toString(causal),
          java.util.Arrays.toString(notCausal));
      for (int i = 0; i < causal.length; i++) {
        assertTrue(judge.detect(CAUSAL.get(i)).join().causal(), CAUSAL.get(i) + " " + causal[i]);
        assertTrue(!judge.detect(NOT_CAUSAL.get(i)).join().causal(), NOT_CAUSAL.get(i) + " " + notCausal[i]);
        assertEquals(PINNED_CAUSAL[i], causal[i], 2e-3, "the shipped weights changed: " + CAUSAL.get(i));
        assertEquals(PINNED_NOT_CAUSAL[i], notCausal[i], 2e-3, "the shipped weights changed: " + NOT_CAUSAL.get(i));
      }
      // A known miss, kept so a better model shows up here: the cause is only in the verb ("flooded").
      double implicit = judge.unitProbability("Heavy rain overnight flooded the low streets of the harbour town.");
      assertEquals(PINNED_IMPLICIT, implicit, 2e-3);

      Verdict flood = judge.judge(List.of(pair(CAUSAL.get(0), "Heavy rain", "the low streets"))).get(0);
      System.out.println("shipped encoder, pair verdict: " + flood.explanation());
      assertEquals(CausalLabel.CAUSE_TO_EFFECT, flood.label(), flood.explanation());
      Verdict library = judge.judge(List.of(pair(NOT_CAUSAL.get(0), "The library", "Saturdays"))).get(0);
      assertEquals(CausalLabel.NONE, library.label(), library.explanation());
    }
  }

  @Test
  void theShippedWeightsRefuseAnEncoderOfTheSameWidthWithMoreLayers() throws Exception {
    // all-MiniLM-L6-v2's 6 tuned layers fit the bottom half of the 12-layer bge-small shape for shape.
    Path weights = dir.resolve("minilm-weights");
    java.nio.file.Files.createDirectories(weights);
    try (var in = EncoderJudge.class.getResourceAsStream(BundledEncoder.MINILM_L6.shippedWeights())) {
      java.nio.file.Files.copy(in, weights.resolve("tuned-weights.bin"));
    }
    WorkbenchConfig config = WorkbenchConfig.defaults().with(WorkbenchOptions.DATA_DIR, dir.toString())
        .with(WorkbenchOptions.ENCODER_MODEL, "BGE-small-en-v1.5")
        .with(WorkbenchOptions.ENCODER_WEIGHTS, weights.toString());
    RuntimeException e = assertThrows(RuntimeException.class, () -> new EncoderJudge(config).close());
    assertTrue(e.getMessage().contains("trained on another encoder"), e.getMessage());
  }

  private static final double[] PINNED_CAUSAL = {0.8754, 0.8829, 0.9345};
  private static final double PINNED_IMPLICIT = 0.2776;
  private static final double[] PINNED_NOT_CAUSAL = {0.0468, 0.0579, 0.0950};

  private static CandidatePair pair(String text, String a, String b) {
    String doc = ContentIds.documentId(text);
    Unit unit = Unit.of(doc, List.of(new Sentence(doc, 0, 0, text.length(), text, List.of(), List.of())));
    int ia = text.indexOf(a);
    int ib = text.indexOf(b);
    return CandidatePair.of(unit, new Mention(new Span(ia, ia + a.length(), a), 0, 0, 0, 0, a),
        new Mention(new Span(ib, ib + b.length(), b), 0, 1, 1, 1, b));
  }
}
