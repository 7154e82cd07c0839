package org.causalworkbench.app.eval;

import java.util.List;
import java.util.Map;
import org.causalworkbench.core.metrics.Confusion;

/**
 * Detection scores of one judge on a labelled data set; causal is the positive class and the
 * classification metrics are over answered items. Keys in JSON are snake_case.
 *
 * @param f1Interval a 95% bootstrap interval of {@code f1}: how far it could move on another sample
 *     of this size, so two judges whose intervals overlap widely are not told apart by this data
 * @param ece expected calibration error over {@code reliability}'s bins
 * @param decidedBy answered-or-not items by the judge that decided them (a cascade's encoder or llm)
 * @param itemsToLlm how many items a cascade sent to the llm
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
    Confusion.Interval f1Interval,
    double unansweredAsWrongAccuracy,
    Map<String, Integer> failures,
    Map<String, Group> groups,
    double macroGroupAccuracy,
    double ece,
    List<Bin> reliability,
    Map<String, Integer> decidedBy,
    int itemsToLlm,
    double seconds,
    double itemsPerSecond,
    long tokensIn,
    long tokensOut) {

  /**
   * One bin of the reliability diagram: answered items whose probability of "causal" lies in
   * [lower, upper), their mean probability and the fraction that are causal.
   */
  public record Bin(double lower, double upper, int n, double meanProbability, double fractionCausal) {}

  /** Scores of the items that share a value of the group column. */
  public record Group(int n, int answered, double accuracy, double f1) {}
}
