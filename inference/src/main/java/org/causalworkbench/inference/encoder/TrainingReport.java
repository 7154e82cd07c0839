package org.causalworkbench.inference.encoder;

import java.util.List;
import java.util.Map;

/**
 * What a training run did, written beside the weights it produced.
 *
 * @param data example counts by source file, pairs and texts apart
 * @param causalPairWeight loss weight of a causal pair example (others weigh 1)
 * @param epochLoss mean training loss of each epoch
 * @param temperatures each head's temperature, fitted on the held-out part
 * @param heldOutPairs pair-head scores on the held-out part of the training data (never a dev or test split)
 * @param heldOutTexts detection-head scores on the held-out part
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
    float causalPairWeight,
    List<Double> epochLoss,
    Temperatures temperatures,
    Scores heldOutPairs,
    Scores heldOutTexts,
    Map<String, Scores> test,
    double seconds) {

  /** Binary scores, causal the positive class. */
  public record Scores(int n, double accuracy, double precision, double recall, double f1) {}

  /** Each head's temperature, and the detection threshold chosen on the held-out texts. */
  public record Temperatures(float pair, float detection, float detectionThreshold) {}
}
