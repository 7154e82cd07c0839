package org.causalworkbench.core.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Confusion counts of a binary decision, or of span matches (true positives, false positives,
 * false negatives; true negatives where there are such), and what is computed from them:
 * precision, recall, F1, accuracy and F1's bootstrap interval. Every score of the workbench
 * (detection eval, span eval, training reports, calibration thresholds, the demo's gold scoring)
 * comes from here.
 */
public record Confusion(long tp, long fp, long fn, long tn) {

  public static final Confusion EMPTY = new Confusion(0, 0, 0, 0);

  /** One decision: said causal or not, against the gold label. */
  public static Confusion of(boolean said, boolean gold) {
    return said ? (gold ? new Confusion(1, 0, 0, 0) : new Confusion(0, 1, 0, 0))
        : (gold ? new Confusion(0, 0, 1, 0) : new Confusion(0, 0, 0, 1));
  }

  /** Counts of decisions {@code said[i]} against {@code gold[i]}. */
  public static Confusion of(boolean[] said, boolean[] gold) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long tn = 0;
    for (int i = 0; i < said.length; i++) {
      if (said[i] && gold[i]) tp++;
      else if (said[i]) fp++;
      else if (gold[i]) fn++;
      else tn++;
    }
    return new Confusion(tp, fp, fn, tn);
  }

  public Confusion plus(Confusion other) {
    return new Confusion(tp + other.tp, fp + other.fp, fn + other.fn, tn + other.tn);
  }

  public static Confusion sum(List<Confusion> parts) {
    return parts.stream().reduce(EMPTY, Confusion::plus);
  }

  public long n() {
    return tp + fp + fn + tn;
  }

  public double precision() {
    return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
  }

  public double recall() {
    return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
  }

  public double f1() {
    return f1(precision(), recall());
  }

  /** The harmonic mean of a precision and a recall (which may come from different counts). */
  public static double f1(double precision, double recall) {
    return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
  }

  public double accuracy() {
    return n() == 0 ? 0 : (double) (tp + tn) / n();
  }

  /** A percentile bootstrap interval, with what makes it reproducible. */
  public record Interval(double lower, double upper, double level, int resamples, long seed) {}

  /**
   * The percentile bootstrap interval of F1 at {@code level}: {@code items} (each one's own counts:
   * a sentence's decision, or a text's span matches) resampled with replacement {@code resamples}
   * times, with a fixed seed so a report is reproducible.
   */
  public static Interval f1Interval(List<Confusion> items, double level, int resamples, long seed) {
    if (items.isEmpty()) {
      return new Interval(0, 0, level, 0, seed);
    }
    Random random = new Random(seed);
    double[] f1 = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      long tp = 0;
      long fp = 0;
      long fn = 0;
      for (int k = 0; k < items.size(); k++) {
        Confusion c = items.get(random.nextInt(items.size()));
        tp += c.tp;
        fp += c.fp;
        fn += c.fn;
      }
      f1[r] = new Confusion(tp, fp, fn, 0).f1();
    }
    Arrays.sort(f1);
    double tail = (1 - level) / 2;
    return new Interval(round(f1[(int) Math.floor(tail * (resamples - 1))]),
        round(f1[(int) Math.ceil((1 - tail) * (resamples - 1))]), level, resamples, seed);
  }

  /** Scores as reports print them: four decimals. */
  public static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }
}
