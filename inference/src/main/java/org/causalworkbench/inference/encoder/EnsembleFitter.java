package org.causalworkbench.inference.encoder;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Combines fine-tuned encoders into an ensemble without training anything: it rebuilds the held-out
 * split the members were trained with (same files, seed and fraction), averages the members'
 * calibrated probabilities there, and fits the ensemble's detection threshold on those averages.
 * Each member's own temperatures stay as they are; only the threshold is the ensemble's.
 */
public final class EnsembleFitter {

  private final long seed;
  private final double heldOutFraction;
  private final int batchSize;
  private final int maxLength;
  private final PrintStream progress;

  /** {@code maxLength}: the tokens per text the members were opened with. */
  public EnsembleFitter(long seed, double heldOutFraction, int batchSize, int maxLength, PrintStream progress) {
    this.seed = seed;
    this.heldOutFraction = heldOutFraction;
    this.batchSize = batchSize;
    this.maxLength = maxLength;
    this.progress = progress;
  }

  /**
   * Fits {@code members} (opened from {@code specs}, in the same order) on the held-out part of
   * {@code examples}, then scores the ensemble on each of {@code tests}. {@code reports} holds each
   * member's training report, or null where there is none: a member trained on other examples,
   * or split with another seed or fraction, is refused, since its held-out part would then hold
   * texts it was trained on and the fitted threshold would be too optimistic.
   */
  public EnsembleSpec fit(List<EnsembleSpec.Member> specs, List<EncoderModel> members, List<TrainingReport> reports,
      List<PairExample> examples, Map<String, List<PairExample>> tests) {
    if (specs.size() != members.size() || reports.size() != members.size()) {
      throw new IllegalArgumentException(specs.size() + " member specs and " + reports.size() + " reports for "
          + members.size() + " members");
    }
    HeldOutSplit<PairExample> split = HeldOutSplit.of(examples, seed, heldOutFraction);
    List<PairExample> heldOut = split.heldOut();
    Map<String, Integer> data = TrainingReport.dataCounts(examples);
    String digest = split.digest();
    for (int m = 0; m < members.size(); m++) {
      checkSameSplit(m + 1, specs.get(m).model(), reports.get(m), data, split.heldOut().size(), digest);
    }
    Map<String, TrainingReport.Scores> heldOutScores = new LinkedHashMap<>();
    List<double[]> probabilities = new ArrayList<>();
    for (int m = 0; m < members.size(); m++) {
      EncoderModel member = members.get(m);
      long start = System.nanoTime();
      double[] p = member.predict(heldOut, batchSize);
      probabilities.add(p);
      String label = "member " + (m + 1) + " (" + member.name() + ")";
      putScores(heldOutScores, label, p, heldOut, member.detectionThreshold());
      if (progress != null) {
        progress.printf(Locale.ROOT, "%s: %d held-out examples in %.0f s, texts %s%n", label, heldOut.size(),
            (System.nanoTime() - start) / 1e9, heldOutScores.get(label + " texts"));
      }
    }
    double[] mean = EncoderEnsemble.mean(probabilities);
    float threshold = Calibration.bestThreshold(mean, heldOut, 0.5f);
    putScores(heldOutScores, "ensemble", mean, heldOut, threshold);
    Map<String, TrainingReport.Scores> testScores = new TreeMap<>();
    for (Map.Entry<String, List<PairExample>> test : tests.entrySet()) {
      List<double[]> p = new ArrayList<>();
      for (EncoderModel member : members) {
        p.add(member.predict(test.getValue(), batchSize));
      }
      testScores.put(test.getKey(), TrainingReport.Scores.of(EncoderEnsemble.mean(p), test.getValue(), threshold));
    }
    return new EnsembleSpec(specs, threshold, maxLength, TrainingReport.dataCounts(heldOut), seed, heldOutFraction, heldOutScores,
        testScores);
  }

  /**
   * Refuses a member trained on another split. The held-out digest settles it; a report written
   * before digests were kept is compared by seed and counts, which miss a change of file order.
   */
  private void checkSameSplit(int number, String model, TrainingReport report, Map<String, Integer> data,
      int heldOutSize, String digest) {
    String member = "ensemble member " + number + " (" + model + ")";
    if (report == null) {
      warn(member + " has no training-report.json beside its weights: cannot check that it was trained on this"
          + " split; if it was not, its held-out scores and the fitted threshold are too optimistic");
      return;
    }
    boolean same = report.heldOutDigest() != null ? report.heldOutDigest().equals(digest)
        : report.seed() == seed && report.heldOutExamples() == heldOutSize && report.data().equals(data);
    if (!same) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s was trained on %s with seed %d and %d held"
          + " out (split %s), but these files give %s with seed %d and %d held out (split %s): give the --data files"
          + " it was trained on, in the same order, with the same --seed, --held-out and --only", member,
          report.data(), report.seed(), report.heldOutExamples(), report.heldOutDigest(), data, seed,
          heldOutSize, digest));
    }
    if (report.heldOutDigest() == null) {
      warn(member + "'s report predates split digests: checked by seed and counts only, so give the files in the"
          + " order it was trained on");
    }
  }

  private void warn(String message) {
    if (progress != null) {
      progress.println("warning: " + message);
    }
  }

  private static void putScores(Map<String, TrainingReport.Scores> scores, String label, double[] p,
      List<PairExample> heldOut, float threshold) {
    List<Integer> texts = new ArrayList<>();
    List<Integer> pairs = new ArrayList<>();
    for (int i = 0; i < heldOut.size(); i++) {
      (heldOut.get(i).isDetection() ? texts : pairs).add(i);
    }
    if (!pairs.isEmpty()) {
      scores.put(label + " pairs", TrainingReport.Scores.of(pick(p, pairs), pairs.stream().map(heldOut::get).toList(),
          threshold));
    }
    scores.put(label + " texts", TrainingReport.Scores.of(pick(p, texts), texts.stream().map(heldOut::get).toList(),
        threshold));
  }

  private static double[] pick(double[] p, List<Integer> index) {
    return index.stream().mapToDouble(i -> p[i]).toArray();
  }
}
