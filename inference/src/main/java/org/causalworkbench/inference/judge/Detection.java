package org.causalworkbench.inference.judge;

/**
 * Whether a whole text states a causal relation.
 *
 * @param causal null when the judge gave no answer ({@code failure} says why)
 * @param probability the judge's probability that the text is causal
 * @param decidedBy the judge that gave the answer (in a cascade, which of its judges); null when
 *     the detector is a single judge
 */
public record Detection(Boolean causal, double probability, String failure, int tokensIn, int tokensOut,
    String decidedBy) {

  public Detection(Boolean causal, double probability, String failure, int tokensIn, int tokensOut) {
    this(causal, probability, failure, tokensIn, tokensOut, null);
  }

  public static Detection of(boolean causal, double probability) {
    return new Detection(causal, probability, null, 0, 0);
  }

  public Detection decidedBy(String judge) {
    return new Detection(causal, probability, failure, tokensIn, tokensOut, judge);
  }

  public boolean answered() {
    return causal != null;
  }
}
