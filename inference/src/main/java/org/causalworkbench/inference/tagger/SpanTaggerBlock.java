package org.causalworkbench.inference.tagger;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.causalworkbench.inference.encoder.EncoderConfig;
import org.causalworkbench.inference.encoder.TransformerEncoder;

/**
 * The encoder with a token-classification head: each word piece's state goes through one linear
 * layer to {@link SpanTags#OUTPUTS} logits (every relation slot's argument and signal tags). Inputs:
 * ids, attention mask and token types, each [B, L]; output: logits [B, L, OUTPUTS].
 */
public final class SpanTaggerBlock extends AbstractBlock {

  /** The head's weights by their names in {@link #tunable}. */
  public static final String HEAD_WEIGHT = "head.tags.weight";
  public static final String HEAD_BIAS = "head.tags.bias";

  /** Dropout on the token states in training, as BERT's token classifiers use. */
  private static final float DROPOUT = 0.1f;

  private final TransformerEncoder encoder;
  private final Linear head;

  public SpanTaggerBlock(EncoderConfig config) {
    encoder = addChildBlock("encoder", new TransformerEncoder(config));
    head = addChildBlock("tag_head", Linear.builder().setUnits(SpanTags.OUTPUTS).build());
  }

  public TransformerEncoder encoder() {
    return encoder;
  }

  /** The encoder's layers {@code from} and up and the head, by the names tuned-weights files use. */
  public Map<String, Parameter> tunable(int from) {
    Map<String, Parameter> tuned = new LinkedHashMap<>(encoder.parametersOfLayersFromByName(from));
    head.getParameters().forEach(p -> tuned.put("head.tags." + p.getKey(), p.getValue()));
    if (!tuned.containsKey(HEAD_WEIGHT) || !tuned.containsKey(HEAD_BIAS)) {
      throw new IllegalStateException("the tag head's parameters are not named " + HEAD_WEIGHT + " and " + HEAD_BIAS);
    }
    return tuned;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder.initialize(manager, dataType, inputShapes[0], inputShapes[1], inputShapes[2]);
    head.initialize(manager, dataType, new Shape(inputShapes[0].get(0), inputShapes[0].get(1),
        encoder.config().hidden()));
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray states = encoder.forward(store, new NDList(inputs.get(0), inputs.get(1), inputs.get(2)), training, params)
        .singletonOrThrow();
    if (training) {
      states = ai.djl.nn.norm.Dropout.dropout(states, DROPOUT, true).singletonOrThrow();
    }
    return head.forward(store, new NDList(states), training, params);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), SpanTags.OUTPUTS)};
  }
}
