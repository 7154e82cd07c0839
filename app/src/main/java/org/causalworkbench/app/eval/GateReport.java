package org.causalworkbench.app.eval;

import java.util.List;

/**
 * How the unit gate does on labelled texts: of the causal ones, how many it lets through (recall),
 * and what share of all texts it passes (what the extractor must still read). Keys in JSON are
 * snake_case.
 *
 * @param thresholdForRecall the highest threshold (in steps of 0.01) whose recall is at least
 *     {@code targetRecall}
 * @param sweep recall and pass share at each threshold from 0.01 to 0.99
 */
public record GateReport(
    String gate,
    String data,
    int n,
    int causal,
    double threshold,
    double recall,
    double precision,
    double passShare,
    double targetRecall,
    double thresholdForRecall,
    List<Point> sweep,
    double seconds) {

  /** The gate at one threshold. */
  public record Point(double threshold, double recall, double passShare) {}
}
