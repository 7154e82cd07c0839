package org.causalworkbench.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TorchScript encoder as {@code encoder.model}: its parameters are read through the PyTorch
 * engine into the trainable encoder, which then gives the module's own token states, and it trains
 * like the bundled ones. The fixture is a tiny random encoder of ours ({@code make_tiny_encoder.py}).
 */
class TorchScriptEncoderTest {

  private static final EncoderConfig TINY = new EncoderConfig(30522, 8, 2, 2, 16, 512, 2, 1e-12f);

  @TempDir Path dir;

  private static Path fixture() throws Exception {
    return Path.of(TorchScriptEncoderTest.class.getResource("/torchscript/tiny-encoder.pt").toURI());
  }

  @Test
  void rebuiltEncoderMatchesTheTorchScriptModule() throws Exception {
    Checkpoint checkpoint = Checkpoint.fromTorchScript(fixture());
    assertEquals(TINY, checkpoint.shape(2, "tiny-encoder.pt"));

    long[][] ids = {{101, 7592, 2088, 3426, 102, 0}, {101, 2000, 2001, 2002, 2003, 102}};
    long[][] mask = {{1, 1, 1, 1, 1, 0}, {1, 1, 1, 1, 1, 1}};
    long[][] types = new long[2][6];
    float[] ours;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      TransformerEncoder encoder = new TransformerEncoder(TINY);
      Shape shape = new Shape(2, 6);
      encoder.initialize(manager, DataType.FLOAT32, shape, shape, shape);
      encoder.loadWeights(checkpoint);
      NDList input = new NDList(manager.create(ids), manager.create(mask), manager.create(types));
      ours = encoder.forward(new ParameterStore(manager, false), input, false).singletonOrThrow().toFloatArray();
      // Dropout acts in training only: two training passes differ, inference is the module's.
      float[] trainingA = encoder.forward(new ParameterStore(manager, false), input, true).singletonOrThrow().toFloatArray();
      float[] trainingB = encoder.forward(new ParameterStore(manager, false), input, true).singletonOrThrow().toFloatArray();
      assertTrue(!java.util.Arrays.equals(trainingA, trainingB), "no dropout in training");
    }
    float[] reference;
    Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
        .optModelPath(fixture()).optEngine("PyTorch").build();
    try (ZooModel<NDList, NDList> module = criteria.loadModel(); Predictor<NDList, NDList> predictor = module.newPredictor()) {
      NDManager m = module.getNDManager();
      reference = predictor.predict(new NDList(m.create(ids), m.create(mask), m.create(types))).get(0).toFloatArray();
    }
    double max = 0;
    double spread = 0;
    for (int b = 0; b < 2; b++) {
      for (int p = 0; p < 6; p++) {
        for (int h = 0; mask[b][p] == 1 && h < 8; h++) {
          int k = (b * 6 + p) * 8 + h;
          max = Math.max(max, Math.abs(reference[k] - ours[k]));
          spread = Math.max(spread, Math.abs(reference[k]));
        }
      }
    }
    System.out.printf("tiny TorchScript encoder: max |ours - torchscript| over real tokens: %.2e%n", max);
    assertTrue(spread > 0.5, "the fixture's states should not be near zero");
    assertTrue(max < 1e-4, "max abs difference " + max);
  }

  @Test
  void checkpointNamesLoseTheirPrefixAndAModelWithTwoEncodersIsRefused() {
    assertEquals("encoder.layer.1.output.dense.bias", Checkpoint.checkpointName("bert.encoder.layer.1.output.dense.bias"));
    assertEquals("embeddings.LayerNorm.weight", Checkpoint.checkpointName("0.auto_model.embeddings.LayerNorm.weight"));
    assertEquals("embeddings.word_embeddings.weight", Checkpoint.checkpointName("embeddings.word_embeddings.weight"));
    assertEquals("pooler.dense.weight", Checkpoint.checkpointName("pooler.dense.weight"));
    assertEquals("bert.my_embeddings.weight", Checkpoint.checkpointName("bert.my_embeddings.weight"));
  }

  @Test
  void aTorchScriptEncoderIsConfiguredTrainedAndJudgesWithItsOwnWeights() throws Exception {
    Path tokenizer = BundledEncoder.MINILM_L6.tokenizer(dir.resolve("tok"));
    WorkbenchConfig config = WorkbenchConfig.defaults()
        .with(WorkbenchOptions.ENCODER_MODEL, fixture().toString())
        .with(WorkbenchOptions.ENCODER_TOKENIZER, tokenizer.toString())
        .with(WorkbenchOptions.ENCODER_HEADS, "2")
        .with(WorkbenchOptions.DATA_DIR, dir.resolve("data").toString());
    PretrainedEncoder base = PretrainedEncoder.fromConfig(config, dir.resolve("cache"));
    assertEquals("tiny-encoder.pt", base.name());
    assertEquals(TINY, base.config());
    assertNull(base.onnx());
    assertNull(base.shippedWeights());

    List<PairExample> examples = new ArrayList<>();
    for (String s : List.of("Heavy snow caused the closure.", "The drought caused the famine.",
        "A power cut caused the shutdown.", "The storm caused the flooding.")) {
      examples.add(PairExample.detection(s, true, "test"));
    }
    for (String s : List.of("The mayor stood near the river.", "A blue car stood near the bakery.",
        "The museum stood near the harbour.", "The school stood near the park.")) {
      examples.add(PairExample.detection(s, false, "test"));
    }
    Path out = dir.resolve("tuned");
    EncoderTrainer.Settings settings = new EncoderTrainer.Settings(7, 8, 2, 2, 1e-2f, 16, 0.0, null, 1f);
    TrainingReport report = new EncoderTrainer(settings, base, new PrintStream(OutputStream.nullOutputStream()))
        .train(examples, Map.of(), out);
    assertTrue(report.epochLoss().get(7) < report.epochLoss().get(0), "loss did not fall: " + report.epochLoss());
    // The seed also fixes the heads' initial weights (the engine's generator): two untrained runs
    // write the same file. (Whole runs can still drift apart after a few updates; see docs/encoder.md.)
    EncoderTrainer.Settings untrained = new EncoderTrainer.Settings(7, 0, 2, 2, 1e-2f, 16, 0.0, null, 1f);
    new EncoderTrainer(untrained, base, new PrintStream(OutputStream.nullOutputStream()))
        .train(examples, Map.of(), dir.resolve("start-a"));
    new EncoderTrainer(untrained, base, new PrintStream(OutputStream.nullOutputStream()))
        .train(examples, Map.of(), dir.resolve("start-b"));
    assertTrue(java.util.Arrays.equals(java.nio.file.Files.readAllBytes(dir.resolve("start-a").resolve("tuned-weights.bin")),
        java.nio.file.Files.readAllBytes(dir.resolve("start-b").resolve("tuned-weights.bin"))));

    try (EncoderJudge judge = new EncoderJudge(config.with(WorkbenchOptions.ENCODER_WEIGHTS, out.toString()))) {
      assertTrue(judge.version().startsWith("tiny-encoder-pt-"), judge.version());
      assertTrue(judge.unitProbability("The flood caused the closure.")
          > judge.unitProbability("The bakery stood near the park."));
    }
  }
}
