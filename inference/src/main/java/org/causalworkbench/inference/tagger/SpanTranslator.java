package org.causalworkbench.inference.tagger;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
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
    int perSlot = SpanTags.ARGUMENT_TAGS + SpanTags.SIGNAL_TAGS;
    NDArray logits = list.singletonOrThrow().reshape(b, l, SpanTags.SLOTS, perSlot);
    float[] arguments = logits.get(new NDIndex(":, :, :, 0:" + SpanTags.ARGUMENT_TAGS)).softmax(-1).toFloatArray();
    float[] signals = logits.get(new NDIndex(":, :, :, " + SpanTags.ARGUMENT_TAGS + ":")).softmax(-1).toFloatArray();
    List<SpanTags.Decoded> out = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      out.add(SpanTags.decode(texts.get(i), batch.pieces()[i], unpack(arguments, i, l, SpanTags.ARGUMENT_TAGS),
          unpack(signals, i, l, SpanTags.SIGNAL_TAGS), threshold));
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
