package org.causalworkbench.inference.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.metrics.Confusion;

/**
 * What a training run did, written beside the weights it produced.
 *
 * @param data example counts by source file, pairs and texts apart
 * @param heldOutDigest {@link HeldOutSplit#digest()} of the split (null in reports written before it was kept)
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
    String heldOutDigest,
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

  /** The file written beside the tuned weights. */
  public static final String FILE = "training-report.json";

  /**
   * Reads a training-report.json as {@code ./workbench train} writes it, or as the shipped weights
   * carry it (the run under {@code training_run}, beside a note).
   */
  public static TrainingReport read(byte[] json) throws IOException {
    Json reader = new Json();
    JsonNode root = reader.mapper().readTree(json);
    JsonNode run = root.has("training_run") ? root.get("training_run") : root;
    return reader.mapper().treeToValue(run, TrainingReport.class);
  }

  /** Example counts by source file, pairs and texts apart: a report's {@code data}. */
  public static Map<String, Integer> dataCounts(List<PairExample> examples) {
    Map<String, Integer> counts = new TreeMap<>();
    examples.forEach(e -> counts.merge(e.source() + (e.isDetection() ? " (texts)" : " (pairs)"), 1, Integer::sum));
    return counts;
  }

  /** Binary scores, causal the positive class. */
  public record Scores(int n, double accuracy, double precision, double recall, double f1) {

    /**
     * Scores of causal probabilities against the examples' labels: a text is causal at
     * {@code detectionThreshold} or above, a pair at 0.5 or above.
     */
    public static Scores of(double[] probabilities, List<PairExample> examples, double detectionThreshold) {
      boolean[] said = new boolean[examples.size()];
      boolean[] gold = new boolean[examples.size()];
      for (int i = 0; i < examples.size(); i++) {
        said[i] = probabilities[i] >= (examples.get(i).isDetection() ? detectionThreshold : 0.5);
        gold[i] = examples.get(i).causal();
      }
      Confusion c = Confusion.of(said, gold);
      return new Scores(examples.size(), round(c.accuracy()), round(c.precision()), round(c.recall()), round(c.f1()));
    }

    private static double round(double x) {
      return Confusion.round(x);
    }
  }

  /** Each head's temperature, and the detection threshold chosen on the held-out texts. */
  public record Temperatures(float pair, float detection, float detectionThreshold) {}
}
