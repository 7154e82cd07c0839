package org.causalworkbench.inference.tagger;

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
 * Turns texts into the tagger's inputs, padded to the longest in the batch (at most {@code
 * maxLength} word pieces): ids, attention mask and token types, and where each piece lies in its
 * text, which is how tags on pieces become character spans again. Text past the limit is not
 * tagged.
 */
public final class SpanTokenizer implements AutoCloseable {

  private final HuggingFaceTokenizer tokenizer;
  private final int maxLength;

  public SpanTokenizer(Path tokenizerJson, int maxLength) {
    try {
      this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
          "truncation", "true", "maxLength", Integer.toString(maxLength), "padding", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
    }
    this.maxLength = maxLength;
  }

  /**
   * One batch of texts as word pieces.
   *
   * @param pieces [text][piece] its [begin, end) in the text, null for special tokens and padding
   */
  public record Batch(long[][] ids, long[][] mask, long[][] types, int[][][] pieces) {

    public int size() {
      return ids.length;
    }

    public int length() {
      return ids[0].length;
    }

    public NDList toNDList(NDManager manager) {
      // Named as encoder exports name their inputs: ONNX Runtime matches them by name.
      NDList list = new NDList(manager.create(ids), manager.create(mask), manager.create(types));
      list.get(0).setName("input_ids");
      list.get(1).setName("attention_mask");
      list.get(2).setName("token_type_ids");
      return list;
    }
  }

  public Batch encode(List<String> texts) {
    Encoding[] encodings = new Encoding[texts.size()];
    int length = 1;
    for (int i = 0; i < texts.size(); i++) {
      encodings[i] = tokenizer.encode(texts.get(i));
      length = Math.min(maxLength, Math.max(length, encodings[i].getIds().length));
    }
    long[][] ids = new long[texts.size()][length];
    long[][] mask = new long[texts.size()][length];
    long[][] types = new long[texts.size()][length];
    int[][][] pieces = new int[texts.size()][length][];
    for (int i = 0; i < texts.size(); i++) {
      long[] id = encodings[i].getIds();
      long[] attention = encodings[i].getAttentionMask();
      long[] type = encodings[i].getTypeIds();
      long[] special = encodings[i].getSpecialTokenMask();
      CharSpan[] spans = encodings[i].getCharTokenSpans();
      for (int t = 0; t < Math.min(length, id.length); t++) {
        ids[i][t] = id[t];
        mask[i][t] = attention[t];
        types[i][t] = type[t];
        CharSpan span = spans[t];
        if (special[t] == 0 && span != null && span.getEnd() > span.getStart()) {
          pieces[i][t] = new int[] {span.getStart(), span.getEnd()};
        }
      }
    }
    return new Batch(ids, mask, types, pieces);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
