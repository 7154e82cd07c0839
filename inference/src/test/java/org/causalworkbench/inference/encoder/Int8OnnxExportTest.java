package org.causalworkbench.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The int8 export: its quantisation checked on a matrix worked by hand, and the whole rewritten
 * graph run in ONNX Runtime against the float32 encoder (DJL block) with the same changed weights
 * and a head computed here, on sentences of our own.
 */
class Int8OnnxExportTest {

  @TempDir Path dir;

  @Test
  void quantisesEachColumnToItsOwnScale() {
    // [[1, -0.5], [0.25, 2]]: column 0 spans 1 (scale 1/127), column 1 spans 2 (scale 2/127).
    Int8OnnxExport.Int8Columns q = Int8OnnxExport.Int8Columns.of(new float[] {1f, -0.5f, 0.25f, 2f}, 2, 2);
    assertArrayEquals(new float[] {1f / 127, 2f / 127}, q.scales(), 1e-9f);
    // 0.25 * 127 = 31.75 -> 32; -0.5 / (2/127) = -31.75 -> -32.
    assertArrayEquals(new byte[] {127, -32, 32, 127}, q.values());
    // A column of zeros keeps a usable scale.
    assertArrayEquals(new float[] {1f}, Int8OnnxExport.Int8Columns.of(new float[] {0f, 0f}, 2, 1).scales());
  }

  @Test
  void runsTheGivenWeightsAndHeadInInt8CloseToTheFloat32Encoder() throws Exception {
    BundledEncoder bundled = BundledEncoder.MINILM_L6;
    byte[] onnx = bundled.onnx();
    Checkpoint pretrained = Checkpoint.fromOnnx(onnx);
    // Tuned weights stand-ins: a linear weight scaled and a bias given a pattern (a constant shift
    // would vanish in the layer norm), so an export that kept its own values would not match.
    Map<String, float[]> changed = new HashMap<>();
    float[] w = pretrained.get("encoder.layer.3.intermediate.dense.weight").values().clone();
    for (int i = 0; i < w.length; i++) {
      w[i] *= 1.5f;
    }
    changed.put("encoder.layer.3.intermediate.dense.weight", w);
    float[] bias = pretrained.get("encoder.layer.5.output.dense.bias").values().clone();
    for (int i = 0; i < bias.length; i++) {
      bias[i] += i % 2 == 0 ? 0.5f : -0.5f;
    }
    changed.put("encoder.layer.5.output.dense.bias", bias);
    Map<String, Checkpoint.Tensor> tensors = new LinkedHashMap<>(pretrained.tensors());
    changed.forEach((name, values) -> tensors.put(name, new Checkpoint.Tensor(pretrained.get(name).dims(), values)));
    Checkpoint tuned = new Checkpoint(tensors);

    int hidden = bundled.config().hidden();
    int outputs = 5;
    Random random = new Random(7);
    float[] headWeight = new float[outputs * hidden];
    for (int i = 0; i < headWeight.length; i++) {
      headWeight[i] = (float) (random.nextGaussian() * 0.2);
    }
    float[] headBias = {0.1f, -0.2f, 0.3f, 0f, -0.1f};

    List<String> texts = List.of(
        "The levee broke after three days of rain, and the lower town flooded.",
        "Higher fuel prices pushed the bakery to raise the cost of bread.",
        "The choir sang in the chapel.");
    int batch = texts.size();
    TokenizedTexts tokens = TokenizedTexts.of(bundled.tokenizer(dir), texts);
    long[][] ids = tokens.ids();
    long[][] mask = tokens.mask();
    long[][] types = tokens.types();
    int length = tokens.length();

    // Reference: the float32 block with the changed weights, and the head applied here.
    float[] states;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      TransformerEncoder encoder = new TransformerEncoder(bundled.config());
      Shape shape = new Shape(batch, length);
      encoder.initialize(manager, DataType.FLOAT32, shape, shape, shape);
      encoder.loadWeights(tuned);
      states = encoder.forward(new ParameterStore(manager, false),
          new NDList(manager.create(ids), manager.create(mask), manager.create(types)), false).singletonOrThrow()
          .toFloatArray();
    }
    float[] expected = new float[batch * length * outputs];
    for (int t = 0; t < batch * length; t++) {
      for (int o = 0; o < outputs; o++) {
        double sum = headBias[o];
        for (int h = 0; h < hidden; h++) {
          sum += states[t * hidden + h] * headWeight[o * hidden + h];
        }
        expected[t * outputs + o] = (float) sum;
      }
    }

    Error tuned8 = error(Int8OnnxExport.build(onnx, changed, new Int8OnnxExport.Head(headWeight, headBias, outputs)),
        ids, mask, types, expected, outputs);
    // The same export with the pretrained weights left in: how far a rewrite that dropped the given weights lands.
    Error stale = error(Int8OnnxExport.build(onnx, Map.of(), new Int8OnnxExport.Head(headWeight, headBias, outputs)),
        ids, mask, types, expected, outputs);
    System.out.printf("int8 export: relative logit error %.4f (pretrained weights left in: %.4f); argmax agrees on"
        + " %d of %d tokens%n", tuned8.relative(), stale.relative(), tuned8.sameArgmax(), tuned8.tokens());
    // int8 noise on a random head's logits is a few percent; dropping the tuned weights costs several times more.
    assertTrue(tuned8.relative() < 0.10, "relative logit error " + tuned8.relative());
    assertTrue(stale.relative() > 3 * tuned8.relative(), "the given weights barely matter: " + stale.relative());
    assertTrue(tuned8.sameArgmax() >= 0.95 * tuned8.tokens(), "argmax agrees on " + tuned8.sameArgmax() + " of "
        + tuned8.tokens());
  }

  /** How far an export's logits lie from the expected ones over the real tokens. */
  record Error(double relative, int sameArgmax, int tokens) {}

  private static Error error(byte[] export, long[][] ids, long[][] mask, long[][] types, float[] expected,
      int outputs) throws Exception {
    float[] actual;
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(export, options)) {
      assertEquals(List.of(Int8OnnxExport.LOGITS), List.copyOf(session.getOutputNames()));
      Map<String, OnnxTensor> in = new HashMap<>();
      in.put("input_ids", tensor(env, ids));
      in.put("attention_mask", tensor(env, mask));
      in.put("token_type_ids", tensor(env, types));
      try (OrtSession.Result result = session.run(in)) {
        actual = ((OnnxTensor) result.get(0)).getFloatBuffer().array();
      } finally {
        in.values().forEach(OnnxTensor::close);
      }
    }
    assertEquals(expected.length, actual.length);
    int length = ids[0].length;
    double diff = 0;
    double size = 0;
    int tokens = 0;
    int sameArgmax = 0;
    for (int b = 0; b < ids.length; b++) {
      for (int p = 0; p < length; p++) {
        if (mask[b][p] == 0) {
          continue;
        }
        int at = (b * length + p) * outputs;
        int argE = 0;
        int argA = 0;
        for (int o = 0; o < outputs; o++) {
          diff += Math.abs(expected[at + o] - actual[at + o]);
          size += Math.abs(expected[at + o]);
          argE = expected[at + o] > expected[at + argE] ? o : argE;
          argA = actual[at + o] > actual[at + argA] ? o : argA;
        }
        tokens++;
        sameArgmax += argE == argA ? 1 : 0;
      }
    }
    return new Error(diff / size, sameArgmax, tokens);
  }

  @Test
  void refusesWeightsOfAnotherShape() {
    byte[] onnx = BundledEncoder.MINILM_L6.onnx();
    Map<String, float[]> wrong = Map.of("encoder.layer.0.output.dense.bias", new float[3]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Int8OnnxExport.build(onnx, wrong,
        new Int8OnnxExport.Head(new float[384], new float[1], 1)));
    assertTrue(e.getMessage().contains("tuned on another encoder"), e.getMessage());
    // A weight the export does not have would be dropped without a word: refused instead.
    Map<String, float[]> unknown = Map.of("encoder.layer.9.output.dense.bias", new float[384]);
    e = assertThrows(IllegalArgumentException.class, () -> Int8OnnxExport.build(onnx, unknown,
        new Int8OnnxExport.Head(new float[384], new float[1], 1)));
    assertTrue(e.getMessage().contains("encoder.layer.9.output.dense.bias"), e.getMessage());
  }

  @Test
  void refusesAnExportAtAnOpsetItDoesNotWrite() {
    for (int opset : new int[] {9, 18}) {
      byte[] model = new ProtoWriter().varint(1, 8).message(8, new ProtoWriter().string(1, "").varint(2, opset))
          .toByteArray();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Int8OnnxExport.build(model,
          Map.of(), new Int8OnnxExport.Head(new float[384], new float[1], 1)));
      assertTrue(e.getMessage().contains("opset " + opset), e.getMessage());
    }
  }

  private static OnnxTensor tensor(OrtEnvironment env, long[][] values) throws Exception {
    long[] flat = new long[values.length * values[0].length];
    for (int i = 0; i < values.length; i++) {
      System.arraycopy(values[i], 0, flat, i * values[0].length, values[0].length);
    }
    return OnnxTensor.createTensor(env, LongBuffer.wrap(flat), new long[] {values.length, values[0].length});
  }
}
