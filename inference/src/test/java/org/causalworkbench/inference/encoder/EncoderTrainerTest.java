package org.causalworkbench.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderTrainerTest {

  @TempDir Path dir;

  @Test
  void untaggingKeepsTheSpansOfBothArguments() {
    PairExample e = UniCausalPairs.untag("After <ARG0>the frost</ARG0>, <SIG0>so</SIG0> <ARG1>the vines died</ARG1>.",
        true, "t");
    assertEquals("After the frost, so the vines died.", e.text());
    assertEquals("the frost", e.text().substring(e.causeBegin(), e.causeEnd()));
    assertEquals("the vines died", e.text().substring(e.effectBegin(), e.effectEnd()));
    assertNull(UniCausalPairs.untag("No tags in this one.", false, "t"));
  }

  @Test
  void trainingLowersTheLossAndWritesOnlyTheTunedLayersAndHead() throws Exception {
    List<PairExample> examples = new ArrayList<>();
    String[][] causal = {{"Heavy snow", "the road closure"}, {"The drought", "the crop failure"},
        {"A power cut", "the factory shutdown"}, {"The tax rise", "lower sales"}};
    String[][] unrelated = {{"The mayor", "the river"}, {"A blue car", "the bakery"},
        {"The museum", "the harbour"}, {"Spring", "the library"}};
    for (String[] p : causal) {
      examples.add(pair(p[0] + " caused " + p[1] + ".", p[0], p[1], true));
      examples.add(pair(p[0] + " caused " + p[1] + ".", p[1], p[0], false));
      examples.add(PairExample.detection(p[0] + " caused " + p[1] + ".", true, "test"));
    }
    for (String[] p : unrelated) {
      examples.add(pair(p[0] + " stood near " + p[1] + ".", p[0], p[1], false));
      examples.add(PairExample.detection(p[0] + " stood near " + p[1] + ".", false, "test"));
    }
    EncoderTrainer trainer = new EncoderTrainer(new EncoderTrainer.Settings(7, 6, 1, 8, 1e-3f, 32, 0.0, null, 1f), minilm(),
        new PrintStream(OutputStream.nullOutputStream()));
    TrainingReport report = trainer.train(examples, java.util.Map.of("same", examples), dir);

    assertEquals(20, report.trainExamples());
    assertEquals(6, report.epochLoss().size());
    assertTrue(report.epochLoss().get(5) < report.epochLoss().get(0), "loss did not fall: " + report.epochLoss());
    assertEquals(20, report.test().get("same").n());

    // Loading the tuned weights and training no further scores the same examples the same way.
    TrainingReport reloaded = new EncoderTrainer(new EncoderTrainer.Settings(7, 0, 1, 8, 1e-3f, 32, 0.0, dir, 1f), minilm(),
        new PrintStream(OutputStream.nullOutputStream())).train(examples, java.util.Map.of("same", examples),
        dir.resolve("again"));
    assertEquals(report.test().get("same"), reloaded.test().get("same"), "fp16 round trip changed the predictions");

    // The encoder judge with these weights: one verdict per pair, the trained direction recognised.
    org.causalworkbench.core.config.WorkbenchConfig config = org.causalworkbench.core.config.WorkbenchConfig.defaults()
        .with(org.causalworkbench.core.config.WorkbenchOptions.ENCODER_WEIGHTS, dir.toString())
        .with(org.causalworkbench.core.config.WorkbenchOptions.DATA_DIR, dir.resolve("data").toString());
    try (EncoderJudge judge = new EncoderJudge(config)) {
      var verdicts = judge.judge(List.of(candidate("Heavy snow caused the road closure.", "Heavy snow", "the road closure"),
          candidate("The mayor stood near the river.", "The mayor", "the river")));
      assertEquals(2, verdicts.size());
      assertEquals(org.causalworkbench.core.model.CausalLabel.CAUSE_TO_EFFECT, verdicts.get(0).label(),
          verdicts.get(0).explanation());
      assertEquals(org.causalworkbench.core.model.CausalLabel.NONE, verdicts.get(1).label(), verdicts.get(1).explanation());
      assertEquals("encoder", verdicts.get(0).judgeId());
      assertTrue(verdicts.get(0).explanation().contains("p(the text states a cause)"), verdicts.get(0).explanation());
      assertTrue(judge.detect("The drought caused the crop failure.").join().causal());
      assertFalse(judge.detect("The museum stood near the harbour.").join().causal());
    }
    try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve("tuned-weights.bin")))) {
      assertTrue(in.readUTF().contains("fp16"));
      assertEquals(5, in.readInt(), "layers from 5 of 6 were tuned");
      assertEquals(16 + 8 + 1, in.readInt(), "one layer's 16 tensors, the heads' 8 and the temperatures");
      assertTrue(in.readUTF().startsWith("encoder.layer.5."));
    }
  }

  private PretrainedEncoder minilm() {
    return PretrainedEncoder.fromConfig(org.causalworkbench.core.config.WorkbenchConfig.defaults(), dir.resolve("cache"));
  }

  @Test
  void gradientsAreClippedToTheirJointNormAndANonFiniteOneSkipsTheUpdate() {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Linear layer = Linear.builder().setUnits(3).build();
      layer.initialize(manager, DataType.FLOAT32, new Shape(2, 4));
      backward(layer, manager, manager.create(new float[] {100, -200, 300, 50, 7, 8, -90, 1000}, new Shape(2, 4)));
      assertTrue(gradientNorm(layer) > 10, "the test needs a large gradient, got " + gradientNorm(layer));
      assertTrue(EncoderTrainer.clipGradientNorm(EncoderTrainer.trainedParameters(layer), 1f));
      assertEquals(1.0, gradientNorm(layer), 1e-3);

      backward(layer, manager, manager.create(new float[] {1, Float.NaN, 3, 4, 5, 6, 7, 8}, new Shape(2, 4)));
      assertFalse(EncoderTrainer.clipGradientNorm(EncoderTrainer.trainedParameters(layer), 1f), "a NaN gradient must make the trainer skip the update");
      assertEquals(0.0, gradientNorm(layer), "a skipped update's gradients are cleared, not left to add up");

      // The next batch (gradients accumulate until an optimizer step clears them) is not poisoned.
      backward(layer, manager, manager.create(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.1f, 0.2f, 0.3f, 0.4f},
          new Shape(2, 4)));
      assertTrue(EncoderTrainer.clipGradientNorm(EncoderTrainer.trainedParameters(layer), 1f));
      assertTrue(gradientNorm(layer) > 0 && gradientNorm(layer) <= 1.0 + 1e-3, "norm " + gradientNorm(layer));
    }
  }

  private static void backward(Linear layer, NDManager manager, NDArray input) {
    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray out = layer.forward(new ParameterStore(manager, false), new NDList(input), true).singletonOrThrow();
      collector.backward(out.sum());
    }
  }

  private static double gradientNorm(Linear layer) {
    double squares = 0;
    for (Parameter p : layer.getParameters().values()) {
      squares += p.getArray().getGradient().square().sum().getFloat();
    }
    return Math.sqrt(squares);
  }

  @Test
  void halfPrecisionRoundsLikeIeee() {
    assertEquals((short) 0x3c00, Half.fromFloat(1.0f));
    assertEquals((short) 0xc000, Half.fromFloat(-2.0f));
    assertEquals((short) 0x3555, Half.fromFloat(1f / 3));
    assertEquals((short) 0x7c00, Half.fromFloat(1e6f));
    assertEquals((short) 0x0000, Half.fromFloat(1e-9f));
    for (float f : new float[] {0.5f, -3.25f, 1024f, 6.1035156e-5f, 0.1f}) {
      assertEquals(f, Half.toFloat(Half.fromFloat(f)), Math.abs(f) * 1e-3, "round trip of " + f);
    }
  }

  private static org.causalworkbench.core.model.CandidatePair candidate(String text, String a, String b) {
    String doc = org.causalworkbench.core.id.ContentIds.documentId(text);
    var sentence = new org.causalworkbench.core.model.Sentence(doc, 0, 0, text.length(), text, List.of(), List.of());
    var unit = org.causalworkbench.core.model.Unit.of(doc, List.of(sentence));
    int ia = text.indexOf(a);
    int ib = text.indexOf(b);
    var first = new org.causalworkbench.core.model.Mention(
        new org.causalworkbench.core.model.Span(ia, ia + a.length(), a), 0, 0, 0, 0, a.toLowerCase());
    var second = new org.causalworkbench.core.model.Mention(
        new org.causalworkbench.core.model.Span(ib, ib + b.length(), b), 0, 1, 1, 1, b.toLowerCase());
    return org.causalworkbench.core.model.CandidatePair.of(unit, first, second);
  }

  private static PairExample pair(String text, String cause, String effect, boolean causal) {
    int c = text.indexOf(cause);
    int e = text.indexOf(effect);
    return new PairExample(text, c, c + cause.length(), e, e + effect.length(), causal, "test");
  }
}
