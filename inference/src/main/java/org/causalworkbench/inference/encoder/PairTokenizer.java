package org.causalworkbench.inference.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns pair examples into the classifier's five inputs, padded to the longest in the batch (at
 * most {@code maxLength} tokens): ids, attention mask, token types, and a mask of the tokens that
 * overlap each span. A span cut off by the length limit keeps whatever tokens remain.
 */
public final class PairTokenizer implements AutoCloseable {

  private final HuggingFaceTokenizer tokenizer;
  private final int maxLength;

  public PairTokenizer(Path tokenizerJson, int maxLength) {
    try {
      this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
          "truncation", "true", "maxLength", Integer.toString(maxLength), "padding", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
    }
    this.maxLength = maxLength;
  }

  public NDList encode(List<PairExample> batch, NDManager manager) {
    Encoding[] encodings = new Encoding[batch.size()];
    int length = 1;
    for (int i = 0; i < batch.size(); i++) {
      encodings[i] = tokenizer.encode(batch.get(i).text());
      length = Math.min(maxLength, Math.max(length, encodings[i].getIds().length));
    }
    long[][] ids = new long[batch.size()][length];
    long[][] mask = new long[batch.size()][length];
    long[][] types = new long[batch.size()][length];
    long[][] cause = new long[batch.size()][length];
    long[][] effect = new long[batch.size()][length];
    for (int i = 0; i < batch.size(); i++) {
      PairExample e = batch.get(i);
      long[] id = encodings[i].getIds();
      long[] attention = encodings[i].getAttentionMask();
      long[] type = encodings[i].getTypeIds();
      CharSpan[] spans = encodings[i].getCharTokenSpans();
      for (int t = 0; t < Math.min(length, id.length); t++) {
        ids[i][t] = id[t];
        mask[i][t] = attention[t];
        types[i][t] = type[t];
        CharSpan span = spans[t];
        if (span != null && span.getEnd() > span.getStart()) {
          cause[i][t] = overlaps(span, e.causeBegin(), e.causeEnd()) ? 1 : 0;
          effect[i][t] = overlaps(span, e.effectBegin(), e.effectEnd()) ? 1 : 0;
        }
      }
    }
    return new NDList(manager.create(ids), manager.create(mask), manager.create(types), manager.create(cause),
        manager.create(effect));
  }

  private static boolean overlaps(CharSpan span, int begin, int end) {
    return span.getStart() < end && begin < span.getEnd();
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
