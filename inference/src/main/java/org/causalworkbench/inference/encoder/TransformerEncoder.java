package org.causalworkbench.inference.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT-style encoder as a trainable DJL block: embeddings (word, position, token type, layer
 * norm) and {@code layers} {@link EncoderLayer}s. Input: token ids, attention mask and token type
 * ids, each [B, L] int64; output: token states [B, L, H]. {@link #loadWeights} fills it with a
 * pretrained {@link Checkpoint} (an ONNX export or a TorchScript module).
 */
public final class TransformerEncoder extends AbstractBlock {

  private final EncoderConfig config;
  private final Map<String, Parameter> embeddings = new LinkedHashMap<>();
  private final List<EncoderLayer> layers = new ArrayList<>();

  public TransformerEncoder(EncoderConfig config) {
    this.config = config;
    embedding("embeddings.word_embeddings.weight", Parameter.Type.WEIGHT, new Shape(config.vocabSize(), config.hidden()));
    embedding("embeddings.position_embeddings.weight", Parameter.Type.WEIGHT,
        new Shape(config.maxPositions(), config.hidden()));
    embedding("embeddings.token_type_embeddings.weight", Parameter.Type.WEIGHT,
        new Shape(config.typeVocab(), config.hidden()));
    embedding("embeddings.LayerNorm.weight", Parameter.Type.GAMMA, new Shape(config.hidden()));
    embedding("embeddings.LayerNorm.bias", Parameter.Type.BETA, new Shape(config.hidden()));
    for (int i = 0; i < config.layers(); i++) {
      layers.add(addChildBlock("layer" + i, new EncoderLayer(config)));
    }
  }

  private void embedding(String name, Parameter.Type type, Shape shape) {
    embeddings.put(name, addParameter(Parameter.builder().setName(name).setType(type).optShape(shape).build()));
  }

  public EncoderConfig config() {
    return config;
  }

  /** Every parameter by its checkpoint name ({@code encoder.layer.3.output.dense.weight}). */
  public Map<String, Parameter> parametersByCheckpointName() {
    Map<String, Parameter> all = new LinkedHashMap<>(embeddings);
    all.putAll(parametersOfLayersFromByName(0));
    return all;
  }

  /** The parameters of layers {@code from} and above by their checkpoint names, as tuned-weights files store them. */
  public Map<String, Parameter> parametersOfLayersFromByName(int from) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (int i = from; i < layers.size(); i++) {
      for (Map.Entry<String, Parameter> p : layers.get(i).parametersByName().entrySet()) {
        out.put("encoder.layer." + i + "." + p.getKey(), p.getValue());
      }
    }
    return out;
  }

  /** The parameters of layers {@code from} and above, for fine-tuning only the top of the encoder. */
  public List<Parameter> parametersOfLayersFrom(int from) {
    return new ArrayList<>(parametersOfLayersFromByName(from).values());
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape hidden = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.hidden());
    Shape mask = new Shape(inputShapes[0].get(0), 1, 1, inputShapes[0].get(1));
    for (EncoderLayer layer : layers) {
      layer.initialize(manager, dataType, hidden, mask);
    }
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray attention = inputs.get(1);
    NDArray types = inputs.get(2);
    long b = ids.getShape().get(0);
    long l = ids.getShape().get(1);
    NDManager manager = ids.getManager();
    NDArray positions = manager.arange(0, l, 1, DataType.INT64, ids.getDevice()).expandDims(0).repeat(0, b);
    NDArray x = lookup(store, "embeddings.word_embeddings.weight", ids, training)
        .add(lookup(store, "embeddings.position_embeddings.weight", positions, training))
        .add(lookup(store, "embeddings.token_type_embeddings.weight", types, training));
    x = EncoderLayer.dropout(LayerNorm.layerNorm(x, new Shape(config.hidden()),
        value(store, "embeddings.LayerNorm.weight", x, training), value(store, "embeddings.LayerNorm.bias", x, training),
        config.eps()).singletonOrThrow(), training);
    // Masked keys get a large negative score, so softmax gives them no weight.
    NDArray mask = attention.toType(DataType.FLOAT32, false).neg().add(1).mul(-1e9f).reshape(b, 1, 1, l);
    NDList state = new NDList(x, mask);
    for (EncoderLayer layer : layers) {
      state = layer.forward(store, state, training, params);
    }
    return new NDList(state.get(0));
  }

  private NDArray value(ParameterStore store, String name, NDArray like, boolean training) {
    return store.getValue(embeddings.get(name), like.getDevice(), training);
  }

  private NDArray lookup(ParameterStore store, String name, NDArray ids, boolean training) {
    return Embedding.embedding(ids, value(store, name, ids, training), SparseFormat.DENSE).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.hidden())};
  }

  /** Copies a pretrained checkpoint into this (initialized) encoder; every parameter must be in it, shaped alike. */
  public void loadWeights(Checkpoint checkpoint) {
    for (Map.Entry<String, Parameter> target : parametersByCheckpointName().entrySet()) {
      Checkpoint.Tensor source = checkpoint.tensors().get(target.getKey());
      if (source == null) {
        throw new IllegalArgumentException("the pretrained model has no weights for " + target.getKey()
            + " (is it a BERT-style encoder of this shape?)");
      }
      NDArray array = target.getValue().getArray();
      if (!array.getShape().equals(new Shape(source.dims()))) {
        throw new IllegalArgumentException(target.getKey() + ": the pretrained model has shape "
            + new Shape(source.dims()) + ", the encoder " + array.getShape());
      }
      array.set(FloatBuffer.wrap(source.values()));
    }
  }
}
