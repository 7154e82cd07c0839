package org.causalworkbench.inference.encoder;

/**
 * A labelled example. With spans, a directional pair: does the phrase at [causeBegin, causeEnd)
 * cause the one at [effectBegin, effectEnd) in {@code text}? The same two phrases the other way
 * round are another example. Without spans (all -1, see {@link #detection}), the whole text: does
 * it state a causal relation at all?
 */
public record PairExample(String text, int causeBegin, int causeEnd, int effectBegin, int effectEnd, boolean causal,
    String source) {

  /** A text-level (detection) example. */
  public static PairExample detection(String text, boolean causal, String source) {
    return new PairExample(text, -1, -1, -1, -1, causal, source);
  }

  /** Whether this labels the whole text rather than a pair of spans. */
  public boolean isDetection() {
    return causeBegin < 0;
  }
}
