package org.causalworkbench.inference.encoder;

/** The shape of a BERT-style encoder. {@link #MINILM_L6} is all-MiniLM-L6-v2, {@link #BGE_SMALL} bge-small-en-v1.5. */
public record EncoderConfig(
    int vocabSize, int hidden, int heads, int layers, int intermediate, int maxPositions, int typeVocab, float eps) {

  public static final EncoderConfig MINILM_L6 = new EncoderConfig(30522, 384, 12, 6, 1536, 512, 2, 1e-12f);
  public static final EncoderConfig BGE_SMALL = new EncoderConfig(30522, 384, 12, 12, 1536, 512, 2, 1e-12f);

  public int headSize() {
    return hidden / heads;
  }
}
