package org.causalworkbench.inference.tagger;

import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The span tagger's translator, batch in and batch out as DJL's own text translators work: it
 * tokenizes a batch of texts (word pieces with their character offsets), and turns the tag logits
 * back into each text's relations (softmax per tag set, BIO runs, spans widened to whole words).
 */
public final class SpanTranslator implements Translator<String, SpanTags.Decoded> {

  private static final String BATCH = "batch";
  private static final String TEXTS = "texts";

  /** The argument probability a piece needs to count, until a tagger's own fitted value is set. */
  public static final double DEFAULT_THRESHOLD = 0.5;

  private final SpanTokenizer tokenizer;
  private volatile double threshold = DEFAULT_THRESHOLD;

  public SpanTranslator(SpanTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** The argument probability a piece needs to count for a span (see {@link SpanTags#decode}). */
  public void setThreshold(double threshold) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("the span threshold must lie in (0, 1), got " + threshold);
    }
    this.threshold = threshold;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, String text) {
    return batchProcessInput(ctx, List.of(text));
  }

  @Override
  public SpanTags.Decoded processOutput(TranslatorContext ctx, NDList list) {
    return batchProcessOutput(ctx, list).get(0);
  }

  @Override
  public NDList batchProcessInput(TranslatorContext ctx, List<String> texts) {
    SpanTokenizer.Batch batch = tokenizer.encode(texts);
    ctx.setAttachment(BATCH, batch);
    ctx.setAttachment(TEXTS, texts);
    return batch.toNDList(ctx.getNDManager());
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<SpanTags.Decoded> batchProcessOutput(TranslatorContext ctx, NDList list) {
    SpanTokenizer.Batch batch = (SpanTokenizer.Batch) ctx.getAttachment(BATCH);
    List<String> texts = (List<String>) ctx.getAttachment(TEXTS);
    int b = batch.size();
    int l = batch.length();
    // Read out and normalised here, not with NDArray operations: ONNX Runtime's arrays have none.
    float[] logits = list.singletonOrThrow().toFloatArray();
    float[] arguments = softmax(logits, b * l * SpanTags.SLOTS, 0, SpanTags.ARGUMENT_TAGS);
    float[] signals = softmax(logits, b * l * SpanTags.SLOTS, SpanTags.ARGUMENT_TAGS, SpanTags.SIGNAL_TAGS);
    List<SpanTags.Decoded> out = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      out.add(SpanTags.decode(texts.get(i), batch.pieces()[i], unpack(arguments, i, l, SpanTags.ARGUMENT_TAGS),
          unpack(signals, i, l, SpanTags.SIGNAL_TAGS), threshold));
    }
    return out;
  }

  /**
   * The softmax over tags {@code from .. from + tags} of each of {@code groups} [slot] logit groups
   * (each {@link SpanTags#ARGUMENT_TAGS} + {@link SpanTags#SIGNAL_TAGS} wide), packed [group][tag].
   */
  static float[] softmax(float[] logits, int groups, int from, int tags) {
    int width = SpanTags.ARGUMENT_TAGS + SpanTags.SIGNAL_TAGS;
    float[] out = new float[groups * tags];
    for (int g = 0; g < groups; g++) {
      int at = g * width + from;
      float max = Float.NEGATIVE_INFINITY;
      for (int t = 0; t < tags; t++) {
        max = Math.max(max, logits[at + t]);
      }
      double sum = 0;
      for (int t = 0; t < tags; t++) {
        double e = Math.exp(logits[at + t] - max);
        out[g * tags + t] = (float) e;
        sum += e;
      }
      for (int t = 0; t < tags; t++) {
        out[g * tags + t] /= (float) sum;
      }
    }
    return out;
  }

  /** Example {@code i}'s [piece][slot][tag] probabilities out of the flat [B, L, slots, tags] array. */
  static float[][][] unpack(float[] flat, int i, int length, int tags) {
    float[][][] out = new float[length][SpanTags.SLOTS][tags];
    int base = i * length * SpanTags.SLOTS * tags;
    for (int t = 0; t < length; t++) {
      for (int s = 0; s < SpanTags.SLOTS; s++) {
        System.arraycopy(flat, base + (t * SpanTags.SLOTS + s) * tags, out[t][s], 0, tags);
      }
    }
    return out;
  }
}
