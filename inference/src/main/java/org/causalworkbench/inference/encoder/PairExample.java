package org.causalworkbench.inference.encoder;

/**
 * A labelled candidate pair: does the phrase at [causeBegin, causeEnd) cause the one at
 * [effectBegin, effectEnd) in {@code text}? Directional: the same two phrases the other way round
 * are another example.
 */
public record PairExample(String text, int causeBegin, int causeEnd, int effectBegin, int effectEnd, boolean causal,
    String source) {}
