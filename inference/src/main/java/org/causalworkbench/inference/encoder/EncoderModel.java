package org.causalworkbench.inference.encoder;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.causalworkbench.core.id.ContentIds;

/**
 * One fine-tuned pair classifier ready to predict: the pretrained encoder with its tuned weights
 * (and their temperatures and detection threshold) on top, its tokenizer, and the native memory it
 * holds until {@link #close()}.
 */
public final class EncoderModel implements AutoCloseable {

  private final String name;
  private final int layers;
  private final String weightsId;
  private final NDManager manager;
  private final PairClassifier classifier;
  private final PairTokenizer tokenizer;

  private EncoderModel(String name, int layers, String weightsId, NDManager manager, PairClassifier classifier,
      PairTokenizer tokenizer) {
    this.name = name;
    this.layers = layers;
    this.weightsId = weightsId;
    this.manager = manager;
    this.classifier = classifier;
    this.tokenizer = tokenizer;
  }

  /**
   * Builds {@code base}'s classifier on {@code device} and loads {@code weights} (a tuned-weights.bin
   * written by ./workbench train on that encoder) on top; {@code source} names them in errors.
   */
  public static EncoderModel open(PretrainedEncoder base, byte[] weights, String source, Device device,
      int maxLength) {
    NDManager manager = NDManager.newBaseManager(device, "PyTorch");
    try {
      PairClassifier classifier = new PairClassifier(base.config());
      Shape shape = new Shape(1, maxLength);
      classifier.initialize(manager, DataType.FLOAT32, shape, shape, shape, shape, shape);
      classifier.encoder().loadWeights(base.checkpoint());
      TunedWeights.load(classifier, new ByteArrayInputStream(weights), source);
      return new EncoderModel(base.name(), base.config().layers(), ContentIds.bytesId(weights).substring(0, 8), manager,
          classifier, new PairTokenizer(base.tokenizer(), maxLength));
    } catch (IOException e) {
      manager.close();
      throw new UncheckedIOException("cannot load " + source + ": " + e.getMessage()
          + " (train them with ./workbench train on this encoder)", e);
    } catch (RuntimeException | Error e) {
      manager.close(); // a failed open() must not keep native memory, the operator may retry
      throw e;
    }
  }

  /**
   * DJL's PyTorch thread count, read once when the engine starts; the local job sets it per task,
   * and the ONNX Runtime tagger sizes its pool by it too.
   */
  public static final String TORCH_THREADS = "ai.djl.pytorch.num_threads";

  /** Where models run: the first GPU when DJL's PyTorch engine finds one, else the CPU. */
  public static Device preferredDevice() {
    return ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() > 0 ? Device.gpu() : Device.cpu();
  }

  /** The pretrained encoder's name. */
  public String name() {
    return name;
  }

  public int layers() {
    return layers;
  }

  /** A short digest of the tuned weights, part of the judge's version. */
  public String weightsId() {
    return weightsId;
  }

  /** The detection threshold fitted with these weights on their held-out texts. */
  public float detectionThreshold() {
    return classifier.detectionThreshold();
  }

  /** Calibrated probability of "causal" for each example, in order. */
  public double[] predict(List<PairExample> examples, int batchSize) {
    return EncoderTrainer.predict(classifier, tokenizer, examples, manager, batchSize);
  }

  @Override
  public void close() {
    try {
      tokenizer.close();
    } finally {
      manager.close();
    }
  }
}
