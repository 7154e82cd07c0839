package org.causalworkbench.inference.eval;

import org.causalworkbench.core.metrics.Confusion;

/**
 * A span evaluation as reports write it: precision, recall and F1 overall (micro over the three
 * kinds) and for each of Cause, Effect and Signal, over {@code n} scored texts.
 */
public record SpanScores(int n, Prf overall, Prf cause, Prf effect, Prf signal) {

  /** Precision, recall, F1. */
  public record Prf(double precision, double recall, double f1) {
    static Prf of(Confusion c) {
      return new Prf(Confusion.round(c.precision()), Confusion.round(c.recall()), Confusion.round(c.f1()));
    }
  }

  public static SpanScores of(SpanScorer.Result result) {
    return new SpanScores(result.texts(), Prf.of(result.overall()), Prf.of(result.kind(SpanScorer.Kind.CAUSE)),
        Prf.of(result.kind(SpanScorer.Kind.EFFECT)), Prf.of(result.kind(SpanScorer.Kind.SIGNAL)));
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "F1 %.4f (P %.4f R %.4f; cause %.4f, effect %.4f, signal %.4f; %d texts)",
        overall.f1, overall.precision, overall.recall, cause.f1, effect.f1, signal.f1, n);
  }
}
