package org.causalworkbench.inference.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The encoder with two heads over its token states, entity-marker style. The pair head reads three
 * masked means, the whole text, the candidate cause's tokens and the candidate effect's tokens,
 * concatenated, then a tanh layer and two logits (not causal, causal). The detection head reads
 * the whole text's mean alone and gives two logits for "this text states a causal relation". One
 * encoder pass serves both. Inputs: ids, attention mask, token types, cause mask, effect mask, each
 * [B, L]; outputs: pair logits [B, 2], detection logits [B, 2].
 *
 * <p>Each head has a temperature (1 until calibrated) that its logits are divided by before the
 * softmax, and the detection head a decision threshold; see {@link Calibration}.
 */
public final class PairClassifier extends AbstractBlock {

  private final TransformerEncoder encoder;
  private final Linear hidden;
  private final Linear output;
  private final Linear detectHidden;
  private final Linear detectOutput;
  private float pairTemperature = 1f;
  private float detectionTemperature = 1f;
  private float detectionThreshold = 0.5f;

  public PairClassifier(EncoderConfig config) {
    encoder = addChildBlock("encoder", new TransformerEncoder(config));
    hidden = addChildBlock("head_hidden", Linear.builder().setUnits(config.hidden()).build());
    output = addChildBlock("head_output", Linear.builder().setUnits(2).build());
    detectHidden = addChildBlock("detect_hidden", Linear.builder().setUnits(config.hidden()).build());
    detectOutput = addChildBlock("detect_output", Linear.builder().setUnits(2).build());
  }

  public TransformerEncoder encoder() {
    return encoder;
  }

  public Linear hidden() {
    return hidden;
  }

  public Linear output() {
    return output;
  }

  public Linear detectHidden() {
    return detectHidden;
  }

  public Linear detectOutput() {
    return detectOutput;
  }

  public float pairTemperature() {
    return pairTemperature;
  }

  public float detectionTemperature() {
    return detectionTemperature;
  }

  public void setTemperatures(float pair, float detection) {
    if (!(pair > 0) || !(detection > 0)) {
      throw new IllegalArgumentException("temperatures must be positive, got " + pair + " and " + detection);
    }
    this.pairTemperature = pair;
    this.detectionTemperature = detection;
  }

  /** Calibrated detection probabilities at or above this say "causal" (fitted on held-out texts). */
  public float detectionThreshold() {
    return detectionThreshold;
  }

  public void setDetectionThreshold(float threshold) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("the detection threshold must lie in (0, 1), got " + threshold);
    }
    this.detectionThreshold = threshold;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder.initialize(manager, dataType, inputShapes[0], inputShapes[1], inputShapes[2]);
    int h = encoder.config().hidden();
    long b = inputShapes[0].get(0);
    hidden.initialize(manager, dataType, new Shape(b, 3L * h));
    output.initialize(manager, dataType, new Shape(b, h));
    detectHidden.initialize(manager, dataType, new Shape(b, h));
    detectOutput.initialize(manager, dataType, new Shape(b, h));
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray states = encoder.forward(store, new NDList(inputs.get(0), inputs.get(1), inputs.get(2)), training, params)
        .singletonOrThrow();
    NDArray text = pool(states, inputs.get(1));
    NDArray pooled = text.concat(pool(states, inputs.get(3)), -1).concat(pool(states, inputs.get(4)), -1);
    NDArray h = Activation.tanh(hidden.forward(store, new NDList(EncoderLayer.dropout(pooled, training)), training,
        params).singletonOrThrow());
    NDArray pair = output.forward(store, new NDList(EncoderLayer.dropout(h, training)), training, params)
        .singletonOrThrow();
    NDArray d = Activation.tanh(detectHidden.forward(store, new NDList(EncoderLayer.dropout(text, training)), training,
        params).singletonOrThrow());
    NDArray detection = detectOutput.forward(store, new NDList(EncoderLayer.dropout(d, training)), training, params)
        .singletonOrThrow();
    return new NDList(pair, detection);
  }

  /** Mean of the token states where {@code mask} is 1; [B, H]. */
  private static NDArray pool(NDArray states, NDArray mask) {
    NDArray m = mask.toType(DataType.FLOAT32, false).expandDims(-1);
    return states.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).maximum(1f));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape out = new Shape(inputShapes[0].get(0), 2);
    return new Shape[] {out, out};
  }
}
