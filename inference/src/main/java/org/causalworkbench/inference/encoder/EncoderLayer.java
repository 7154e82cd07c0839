package org.causalworkbench.inference.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One post-norm transformer layer as in BERT: multi-head self-attention, add and norm, a GELU
 * feed-forward, add and norm. Parameters are named as in the Hugging Face checkpoint (less the
 * {@code encoder.layer.N.} prefix) so pretrained weights map one to one; weights are [out, in].
 * In training, dropout of {@value #DROPOUT} on the attention weights and on both sublayers' outputs,
 * as BERT-style checkpoints were pretrained with.
 */
final class EncoderLayer extends AbstractBlock {

  /** The dropout rate of BERT-style encoders (hidden_dropout_prob, attention_probs_dropout_prob). */
  static final float DROPOUT = 0.1f;

  private final EncoderConfig config;
  private final Map<String, Parameter> byName = new LinkedHashMap<>();

  EncoderLayer(EncoderConfig config) {
    this.config = config;
    int h = config.hidden();
    int i = config.intermediate();
    weight("attention.self.query", h, h);
    weight("attention.self.key", h, h);
    weight("attention.self.value", h, h);
    weight("attention.output.dense", h, h);
    norm("attention.output.LayerNorm", h);
    weight("intermediate.dense", i, h);
    weight("output.dense", h, i);
    norm("output.LayerNorm", h);
  }

  private void weight(String name, int out, int in) {
    param(name + ".weight", Parameter.Type.WEIGHT, new Shape(out, in));
    param(name + ".bias", Parameter.Type.BIAS, new Shape(out));
  }

  private void norm(String name, int size) {
    param(name + ".weight", Parameter.Type.GAMMA, new Shape(size));
    param(name + ".bias", Parameter.Type.BETA, new Shape(size));
  }

  private void param(String name, Parameter.Type type, Shape shape) {
    byName.put(name, addParameter(Parameter.builder().setName(name).setType(type).optShape(shape).build()));
  }

  Map<String, Parameter> parametersByName() {
    return byName;
  }

  private NDArray value(ParameterStore store, String name, NDArray like, boolean training) {
    return store.getValue(byName.get(name), like.getDevice(), training);
  }

  private NDArray dense(ParameterStore store, String name, NDArray x, boolean training) {
    return Linear.linear(x, value(store, name + ".weight", x, training), value(store, name + ".bias", x, training))
        .singletonOrThrow();
  }

  private NDArray norm(ParameterStore store, String name, NDArray x, boolean training) {
    return LayerNorm.layerNorm(x, new Shape(config.hidden()), value(store, name + ".weight", x, training),
        value(store, name + ".bias", x, training), config.eps()).singletonOrThrow();
  }

  /** inputs: hidden states [B, L, H] and the additive attention mask [B, 1, 1, L]. */
  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray mask = inputs.get(1);
    long b = x.getShape().get(0);
    long l = x.getShape().get(1);
    int heads = config.heads();
    int size = config.headSize();
    NDArray q = heads(dense(store, "attention.self.query", x, training), b, l, heads, size);
    NDArray k = heads(dense(store, "attention.self.key", x, training), b, l, heads, size);
    NDArray v = heads(dense(store, "attention.self.value", x, training), b, l, heads, size);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(Math.sqrt(size)).add(mask);
    NDArray context = dropout(scores.softmax(-1), training).matMul(v).transpose(0, 2, 1, 3)
        .reshape(b, l, (long) heads * size);
    NDArray attended = norm(store, "attention.output.LayerNorm",
        dropout(dense(store, "attention.output.dense", context, training), training).add(x), training);
    NDArray inner = Activation.gelu(dense(store, "intermediate.dense", attended, training));
    NDArray out = norm(store, "output.LayerNorm",
        dropout(dense(store, "output.dense", inner, training), training).add(attended), training);
    return new NDList(out, mask);
  }

  /** BERT's dropout where its checkpoints were trained with it; nothing outside training. */
  static NDArray dropout(NDArray x, boolean training) {
    return training ? Dropout.dropout(x, DROPOUT, true).singletonOrThrow() : x;
  }

  private static NDArray heads(NDArray x, long b, long l, int heads, int size) {
    return x.reshape(b, l, heads, size).transpose(0, 2, 1, 3);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}
