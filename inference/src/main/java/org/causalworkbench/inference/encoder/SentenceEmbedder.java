package org.causalworkbench.inference.encoder;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pretrained encoder as its authors meant it to be used: mean-pooled token states, scaled to
 * unit length, so the dot product of two vectors is their cosine similarity. No tuned weights: the
 * fine-tuning of the judge serves causality, not likeness of names.
 */
public final class SentenceEmbedder implements AutoCloseable {

  private static final int BATCH = 64;

  private final NDManager manager;
  private final TransformerEncoder encoder;
  private final PairTokenizer tokenizer;

  public SentenceEmbedder(PretrainedEncoder base, int maxLength) {
    this.manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    this.encoder = new TransformerEncoder(base.config());
    Shape shape = new Shape(1, maxLength);
    encoder.initialize(manager, DataType.FLOAT32, shape, shape, shape);
    encoder.loadWeights(base.checkpoint());
    this.tokenizer = new PairTokenizer(base.tokenizer(), maxLength);
  }

  public static SentenceEmbedder fromConfig(org.causalworkbench.core.config.WorkbenchConfig config) {
    Path cache = config.getPath(org.causalworkbench.core.config.WorkbenchOptions.DATA_DIR).resolve("cache")
        .resolve("encoder");
    return new SentenceEmbedder(PretrainedEncoder.fromConfig(config, cache), 32);
  }

  public List<float[]> embed(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i += BATCH) {
      List<PairExample> batch = texts.subList(i, Math.min(texts.size(), i + BATCH)).stream()
          .map(t -> PairExample.detection(t, false, "embed")).toList();
      try (NDManager m = manager.newSubManager()) {
        NDList inputs = tokenizer.encode(batch, m);
        NDArray states = encoder.forward(new ParameterStore(m, false),
            new NDList(inputs.get(0), inputs.get(1), inputs.get(2)), false).singletonOrThrow();
        NDArray mask = inputs.get(1).toType(DataType.FLOAT32, false).expandDims(-1);
        NDArray mean = states.mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1}).maximum(1f));
        NDArray unit = mean.div(mean.norm(new int[] {1}, true).maximum(1e-12f));
        int h = (int) unit.getShape().get(1);
        float[] flat = unit.toFloatArray();
        for (int j = 0; j < batch.size(); j++) {
          float[] v = new float[h];
          System.arraycopy(flat, j * h, v, 0, h);
          out.add(v);
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    tokenizer.close();
    manager.close();
  }
}
