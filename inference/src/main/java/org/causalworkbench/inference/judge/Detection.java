package org.causalworkbench.inference.judge;

/**
 * Whether a whole text states a causal relation.
 *
 * @param causal null when the judge gave no answer ({@code failure} says why)
 * @param probability the judge's probability that the text is causal
 */
public record Detection(Boolean causal, double probability, String failure, int tokensIn, int tokensOut) {

  public static Detection of(boolean causal, double probability) {
    return new Detection(causal, probability, null, 0, 0);
  }

  public boolean answered() {
    return causal != null;
  }
}
