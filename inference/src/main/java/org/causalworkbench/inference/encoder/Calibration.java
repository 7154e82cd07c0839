package org.causalworkbench.inference.encoder;

import java.util.List;
import org.causalworkbench.core.metrics.Confusion;

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

  /**
   * The detection threshold (0.10 to 0.90 by 0.01) with the best F1 over the text examples among
   * {@code examples}, given their calibrated probabilities; {@code fallback} when there are none.
   * The training data's balance of causal and other texts need not be the corpus's, so 0.5 is not
   * assumed. Ties go to the threshold nearest 0.5.
   */
  public static float bestThreshold(double[] probabilities, List<PairExample> examples, float fallback) {
    float best = fallback;
    double bestF1 = -1;
    for (int step = 10; step <= 90; step++) {
      float t = step / 100f;
      Confusion c = Confusion.EMPTY;
      for (int i = 0; i < examples.size(); i++) {
        PairExample e = examples.get(i);
        if (e.isDetection()) {
          c = c.plus(Confusion.of(probabilities[i] >= t, e.causal()));
        }
      }
      if (c.n() == 0) {
        return fallback;
      }
      double f1 = c.f1();
      if (f1 > bestF1 + 1e-12 || (Math.abs(f1 - bestF1) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
        bestF1 = f1;
        best = t;
      }
    }
    return best;
  }

  public static double probability(double margin, float temperature) {
    return 1 / (1 + Math.exp(-margin / temperature));
  }
}
