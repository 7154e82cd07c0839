package org.causalworkbench.inference.encoder;

/**
 * Temperature scaling (Guo et al., 2017) for a two-class head: the one scalar T that minimises the
 * negative log-likelihood of held-out labels under p = sigmoid(margin / T), where margin is the
 * causal logit minus the not-causal one. It changes confidence, never the decision at 0.5.
 */
public final class Calibration {

  private Calibration() {}

  /** The fitted temperature; 1 when there is nothing to fit on. */
  public static float fitTemperature(double[] margins, boolean[] labels) {
    if (margins.length == 0) {
      return 1f;
    }
    // NLL is convex in 1/T; a log-spaced scan then golden-section refinement is plenty for one scalar.
    double best = 1;
    double bestLoss = Double.MAX_VALUE;
    for (double logT = Math.log(0.05); logT <= Math.log(20); logT += 0.05) {
      double loss = nll(margins, labels, Math.exp(logT));
      if (loss < bestLoss) {
        bestLoss = loss;
        best = logT;
      }
    }
    double lo = best - 0.05;
    double hi = best + 0.05;
    double phi = (Math.sqrt(5) - 1) / 2;
    for (int i = 0; i < 40; i++) {
      double a = hi - phi * (hi - lo);
      double b = lo + phi * (hi - lo);
      if (nll(margins, labels, Math.exp(a)) < nll(margins, labels, Math.exp(b))) {
        hi = b;
      } else {
        lo = a;
      }
    }
    return (float) Math.exp((lo + hi) / 2);
  }

  /** Mean negative log-likelihood of the labels at temperature {@code t}. */
  public static double nll(double[] margins, boolean[] labels, double t) {
    double sum = 0;
    for (int i = 0; i < margins.length; i++) {
      double z = margins[i] / t;
      // log(1 + e^-z) for the positive class, log(1 + e^z) for the negative, computed stably.
      double signed = labels[i] ? -z : z;
      sum += Math.max(signed, 0) + Math.log1p(Math.exp(-Math.abs(signed)));
    }
    return sum / margins.length;
  }

  public static double probability(double margin, float temperature) {
    return 1 / (1 + Math.exp(-margin / temperature));
  }
}
