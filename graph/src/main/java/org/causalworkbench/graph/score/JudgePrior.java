package org.causalworkbench.graph.score;

/**
 * How often a judge is wrong, in the belief model's two parts.
 *
 * @param systematicError chance that evidence of this judge is wrong however much of it there is
 *     (a rule that misfires the same way every time)
 * @param randomError chance that one piece of its evidence is wrong independently of the others
 */
public record JudgePrior(double systematicError, double randomError) {
  public JudgePrior {
    if (systematicError < 0 || systematicError > 1 || randomError < 0 || randomError > 1) {
      throw new IllegalArgumentException("judge error rates must lie in [0, 1]: " + systematicError + ", " + randomError);
    }
  }
}
