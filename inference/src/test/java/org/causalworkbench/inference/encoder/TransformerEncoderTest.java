package org.causalworkbench.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bundled encoder rebuilt as a DJL block (PyTorch engine) with weights read from its ONNX file
 * gives the same token states as ONNX Runtime running that file, and has the shape its initializers
 * show.
 */
class TransformerEncoderTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(BundledEncoder.class)
  void rebuiltEncoderMatchesOnnxRuntimeOnTheTokenStates(BundledEncoder bundled) throws Exception {
    byte[] onnx = bundled.onnx();
    Checkpoint checkpoint = Checkpoint.fromOnnx(onnx);
    assertEquals(bundled.config(), checkpoint.shape(12, bundled.modelName()));
    Path model = dir.resolve("encoder.onnx");
    Files.write(model, onnx);
    Path tokenizerFile = bundled.tokenizer(dir);

    List<String> texts = List.of(
        "Flooding along the river closed the mill for a week.",
        "Because the ferry was cancelled, the island ran short of fuel and bread.",
        "Rates rose.");
    int batch = texts.size();
    TokenizedTexts tokens = TokenizedTexts.of(tokenizerFile, texts);
    long[][] ids = tokens.ids();
    long[][] mask = tokens.mask();
    long[][] types = tokens.types();
    int length = tokens.length();

    float[] ours;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      TransformerEncoder encoder = new TransformerEncoder(bundled.config());
      Shape shape = new Shape(batch, length);
      encoder.initialize(manager, DataType.FLOAT32, shape, shape, shape);
      encoder.loadWeights(checkpoint);
      NDList out = encoder.forward(new ParameterStore(manager, false),
          new NDList(manager.create(ids), manager.create(mask), manager.create(types)), false);
      assertEquals(new Shape(batch, length, bundled.config().hidden()), out.singletonOrThrow().getShape());
      ours = out.singletonOrThrow().toFloatArray();
    }

    float[] reference;
    Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
        .optModelPath(model).optEngine("OnnxRuntime").build();
    try (ZooModel<NDList, NDList> ort = criteria.loadModel(); Predictor<NDList, NDList> predictor = ort.newPredictor()) {
      NDManager manager = ort.getNDManager();
      NDArray i = manager.create(ids);
      i.setName("input_ids");
      NDArray m = manager.create(mask);
      m.setName("attention_mask");
      NDArray t = manager.create(types);
      t.setName("token_type_ids");
      reference = predictor.predict(new NDList(i, m, t)).get(0).toFloatArray();
    }

    assertEquals(reference.length, ours.length);
    int hidden = bundled.config().hidden();
    double max = 0;
    for (int b = 0; b < batch; b++) {
      for (int p = 0; p < length; p++) {
        if (mask[b][p] == 0) {
          continue; // padded positions carry no meaning in either model
        }
        for (int h = 0; h < hidden; h++) {
          int k = (b * length + p) * hidden + h;
          max = Math.max(max, Math.abs(reference[k] - ours[k]));
        }
      }
    }
    System.out.printf("%s: max |ours - onnxruntime| over real tokens: %.2e%n", bundled.modelName(), max);
    assertTrue(max < 1e-4, "max abs difference " + max);
  }
}
