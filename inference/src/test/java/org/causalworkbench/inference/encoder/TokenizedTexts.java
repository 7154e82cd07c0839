package org.causalworkbench.inference.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Texts through an encoder's tokenizer, padded to the longest: the three [texts, length] inputs encoders take. */
record TokenizedTexts(long[][] ids, long[][] mask, long[][] types, int length) {

  static TokenizedTexts of(Path tokenizerFile, List<String> texts) throws IOException {
    try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerFile)) {
      Encoding[] encodings = texts.stream().map(tokenizer::encode).toArray(Encoding[]::new);
      int length = 0;
      for (Encoding e : encodings) {
        length = Math.max(length, e.getIds().length);
      }
      long[][] ids = new long[texts.size()][length];
      long[][] mask = new long[texts.size()][length];
      long[][] types = new long[texts.size()][length];
      for (int i = 0; i < texts.size(); i++) {
        int n = encodings[i].getIds().length;
        System.arraycopy(encodings[i].getIds(), 0, ids[i], 0, n);
        System.arraycopy(encodings[i].getAttentionMask(), 0, mask[i], 0, n);
        System.arraycopy(encodings[i].getTypeIds(), 0, types[i], 0, n);
      }
      return new TokenizedTexts(ids, mask, types, length);
    }
  }
}
