package org.causalworkbench.inference.tagger;

import java.util.List;
import java.util.Map;
import org.causalworkbench.inference.eval.SpanScores;

/**
 * What a span-tagger training run did, written beside the weights it produced.
 *
 * @param data texts by source file
 * @param relations relations by source file
 * @param heldOutDigest the held-out split's digest: two runs with the same one held out the same texts
 * @param epochLoss mean training loss of each epoch
 * @param heldOutByEpoch overall span F1 on the held-out part after each epoch
 * @param spanThreshold the argument probability a piece needs to count for a span, fitted on the held-out part
 * @param heldOut span scores on the held-out part of the training data (never a dev or test split)
 * @param test span scores on each test file given, none of which was trained on
 */
public record TaggerReport(
    String encoder,
    Map<String, Integer> data,
    Map<String, Integer> relations,
    int trainExamples,
    int heldOutExamples,
    String heldOutDigest,
    long seed,
    int epochs,
    int layersTuned,
    int batchSize,
    float learningRate,
    int maxLength,
    double negativeFraction,
    List<Double> epochLoss,
    List<Double> heldOutByEpoch,
    double spanThreshold,
    SpanScores heldOut,
    Map<String, SpanScores> test,
    double seconds) {

  /** The file written beside the tuned weights. */
  public static final String FILE = "training-report.json";
}
