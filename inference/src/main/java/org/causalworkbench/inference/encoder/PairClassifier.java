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
 * The encoder with a classification head over three poolings of its token states, entity-marker
 * style: the whole text, the candidate cause's tokens and the candidate effect's tokens (masked
 * means), concatenated, then a tanh layer and two logits (not causal, causal). Inputs: ids,
 * attention mask, token types, cause mask, effect mask, each [B, L].
 */
public final class PairClassifier extends AbstractBlock {

  private final TransformerEncoder encoder;
  private final Linear hidden;
  private final Linear output;

  public PairClassifier(EncoderConfig config) {
    encoder = addChildBlock("encoder", new TransformerEncoder(config));
    hidden = addChildBlock("head_hidden", Linear.builder().setUnits(config.hidden()).build());
    output = addChildBlock("head_output", Linear.builder().setUnits(2).build());
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

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder.initialize(manager, dataType, inputShapes[0], inputShapes[1], inputShapes[2]);
    int h = encoder.config().hidden();
    hidden.initialize(manager, dataType, new Shape(inputShapes[0].get(0), 3L * h));
    output.initialize(manager, dataType, new Shape(inputShapes[0].get(0), h));
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray states = encoder.forward(store, new NDList(inputs.get(0), inputs.get(1), inputs.get(2)), training, params)
        .singletonOrThrow();
    NDArray pooled = pool(states, inputs.get(1)).concat(pool(states, inputs.get(3)), -1)
        .concat(pool(states, inputs.get(4)), -1);
    NDArray h = Activation.tanh(hidden.forward(store, new NDList(pooled), training, params).singletonOrThrow());
    return output.forward(store, new NDList(h), training, params);
  }

  /** Mean of the token states where {@code mask} is 1; [B, H]. */
  private static NDArray pool(NDArray states, NDArray mask) {
    NDArray m = mask.toType(DataType.FLOAT32, false).expandDims(-1);
    return states.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).maximum(1f));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), 2)};
  }
}
