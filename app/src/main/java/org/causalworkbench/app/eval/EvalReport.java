package org.causalworkbench.app.eval;

import java.util.Map;

/**
 * Detection scores of one judge on a labelled data set; causal is the positive class and the
 * classification metrics are over answered items. Keys in JSON are snake_case.
 */
public record EvalReport(
    String judge,
    String data,
    int n,
    int answered,
    double accuracy,
    double precision,
    double recall,
    double f1,
    double unansweredAsWrongAccuracy,
    Map<String, Integer> failures,
    Map<String, Group> groups,
    double macroGroupAccuracy,
    double seconds,
    double itemsPerSecond,
    long tokensIn,
    long tokensOut) {

  /** Scores of the items that share a value of the group column. */
  public record Group(int n, int answered, double accuracy, double f1) {}
}
