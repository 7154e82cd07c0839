package org.causalworkbench.inference.encoder;

import java.util.List;
import java.util.Map;

/**
 * What a training run did, written beside the weights it produced.
 *
 * @param data example counts by source file
 * @param epochLoss mean training loss of each epoch
 * @param heldOut scores on the held-out part of the training data (never a dev or test split)
 * @param test scores on each test file given, none of which was trained on
 */
public record TrainingReport(
    String encoder,
    Map<String, Integer> data,
    int trainExamples,
    int heldOutExamples,
    long seed,
    int epochs,
    int layersTuned,
    int batchSize,
    float learningRate,
    int maxLength,
    List<Double> epochLoss,
    Scores heldOut,
    Map<String, Scores> test,
    double seconds) {

  /** Binary scores, causal the positive class. */
  public record Scores(int n, double accuracy, double precision, double recall, double f1) {}
}
