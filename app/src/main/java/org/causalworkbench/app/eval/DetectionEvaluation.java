package org.causalworkbench.app.eval;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.causalworkbench.extraction.detect.SpanPairDetector;
import org.causalworkbench.inference.cascade.CascadeJudge;
import org.causalworkbench.inference.encoder.PairExample;
import org.causalworkbench.inference.encoder.UniCausalPairs;
import org.causalworkbench.inference.judge.CausalDetector;
import org.causalworkbench.inference.judge.Detection;
import org.causalworkbench.core.metrics.Confusion;
import org.causalworkbench.ingest.read.CsvTable;

/**
 * Runs a detector over a labelled CSV (labels 1/0, causal/noncausal, true/false) and scores it:
 * texts by the detector, and texts tagged with {@code <ARG0>}/{@code <ARG1>} (UniCausal's
 * {@code text_w_pairs}) as pairs by the pair detector. Calibration is measured on the answered
 * items' probability of "causal": ten equal-width bins, and the expected calibration error
 * ECE = Σ_bins (n_bin / n) · |mean probability − fraction causal|.
 * At most {@code window} items are in flight, so a remote judge stays busy without the whole file
 * queued at once; a progress bar goes to {@code progress}.
 */
public final class DetectionEvaluation {

  /**
   * One labelled item: a whole text, or (with {@code pair}) a pair of spans in it whose label says
   * whether the first causes the second.
   */
  public record Item(String text, boolean causal, String group, Pair pair) {

    public Item(String text, boolean causal, String group) {
      this(text, causal, group, null);
    }
  }

  /** Character spans of a labelled pair: does [causeBegin, causeEnd) cause [effectBegin, effectEnd)? */
  public record Pair(int causeBegin, int causeEnd, int effectBegin, int effectEnd) {}

  private static final int BINS = 10;
  /** Resamples of the F1 bootstrap, and their seed, so a report is reproducible. */
  static final int BOOTSTRAP_RESAMPLES = 2000;
  static final long BOOTSTRAP_SEED = 17;

  private final CausalDetector detector;
  private final SpanPairDetector pairDetector;
  private final int window;
  private final PrintStream progress;

  /**
   * @param pairDetector judges pair items; may be null when there are none
   */
  public DetectionEvaluation(CausalDetector detector, SpanPairDetector pairDetector, int window, PrintStream progress) {
    this.detector = detector;
    this.pairDetector = pairDetector;
    this.window = Math.max(1, window);
    this.progress = progress;
  }

  public DetectionEvaluation(CausalDetector detector, int window, PrintStream progress) {
    this(detector, null, window, progress);
  }

  public static List<Item> read(Path file, String textColumn, String labelColumn, String groupColumn, int limit) {
    List<CsvTable.Row> rows = CsvTable.read(file);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + " is empty");
    }
    List<String> header = rows.get(0).fields();
    int text = column(file, header, textColumn);
    int label = column(file, header, labelColumn);
    int group = groupColumn == null ? -1 : column(file, header, groupColumn);
    List<Item> items = new ArrayList<>();
    int skipped = 0;
    for (CsvTable.Row row : rows.subList(1, rows.size())) {
      if (limit > 0 && items.size() >= limit) {
        break;
      }
      List<String> f = row.fields();
      if (f.size() != header.size()) {
        throw new IllegalArgumentException(file + ":" + row.line() + ": " + f.size() + " fields, header has " + header.size());
      }
      String value = f.get(text);
      boolean causal = causal(file, row.line(), f.get(label));
      String g = group < 0 ? null : f.get(group);
      if (value.contains("<ARG0>") || value.contains("<ARG1>")) {
        PairExample e = UniCausalPairs.untag(value, causal, file.toString());
        if (e == null) {
          skipped++;
          continue;
        }
        items.add(new Item(e.text(), causal, g, new Pair(e.causeBegin(), e.causeEnd(), e.effectBegin(), e.effectEnd())));
      } else {
        items.add(new Item(value, causal, g));
      }
    }
    if (skipped > 0) {
      System.err.printf("%s: %d rows skipped, their text lacks one of the <ARG0>/<ARG1> pairs of tags%n", file,
          skipped);
    }
    return items;
  }

  private static int column(Path file, List<String> header, String name) {
    int index = header.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(file + " has no column '" + name + "' (columns: " + header + ")");
    }
    return index;
  }

  private static boolean causal(Path file, int line, String label) {
    return switch (label.strip().toLowerCase(Locale.ROOT)) {
      case "1", "causal", "true", "yes" -> true;
      case "0", "noncausal", "non-causal", "false", "no" -> false;
      default -> throw new IllegalArgumentException(file + ":" + line + ": label '" + label
          + "' is not 1/0, causal/noncausal or true/false");
    };
  }

  public EvalReport run(String data, List<Item> items) throws InterruptedException {
    long start = System.nanoTime();
    Semaphore inFlight = new Semaphore(window);
    List<CompletableFuture<Detection>> results = new ArrayList<>(items.size());
    int[] done = {0};
    for (Item item : items) {
      inFlight.acquire();
      CompletableFuture<Detection> result;
      try {
        result = item.pair() == null ? detector.detect(item.text()) : pairDetector().detect(item.text(),
            item.pair().causeBegin(), item.pair().causeEnd(), item.pair().effectBegin(), item.pair().effectEnd());
      } catch (RuntimeException e) {
        result = CompletableFuture.completedFuture(new Detection(null, 0, "error: " + e.getMessage(), 0, 0));
      }
      results.add(result.whenComplete((d, e) -> {
        inFlight.release();
        synchronized (done) {
          done[0]++;
          bar(done[0], items.size(), start);
        }
      }));
    }
    List<Detection> detections = new ArrayList<>(items.size());
    for (CompletableFuture<Detection> r : results) {
      detections.add(r.exceptionally(e -> new Detection(null, 0, "error: " + e.getMessage(), 0, 0)).join());
    }
    progress.println();
    double seconds = (System.nanoTime() - start) / 1e9;
    return score(detector != null ? detector.id() : pairDetector().id(), data, items, detections, seconds);
  }

  private SpanPairDetector pairDetector() {
    if (pairDetector == null) {
      throw new IllegalStateException("this evaluation has pair items but no pair detector");
    }
    return pairDetector;
  }

  static EvalReport score(String judge, String data, List<Item> items, List<Detection> detections, double seconds) {
    Confusion all = Confusion.EMPTY;
    Map<String, Confusion> byGroup = new TreeMap<>();
    Map<String, Integer> groupSizes = new TreeMap<>();
    Map<String, Integer> failures = new TreeMap<>();
    long tokensIn = 0;
    long tokensOut = 0;
    Map<String, Integer> decidedBy = new TreeMap<>();
    double[] binSum = new double[BINS];
    int[] binCount = new int[BINS];
    int[] binCausal = new int[BINS];
    List<Confusion> answeredItems = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      Detection d = detections.get(i);
      if (d.decidedBy() != null) {
        decidedBy.merge(d.decidedBy(), 1, Integer::sum);
      }
      tokensIn += d.tokensIn();
      tokensOut += d.tokensOut();
      if (item.group() != null) {
        groupSizes.merge(item.group(), 1, Integer::sum);
      }
      if (!d.answered()) {
        failures.merge(d.failure(), 1, Integer::sum);
        continue;
      }
      int bin = Math.min(BINS - 1, (int) Math.floor(d.probability() * BINS));
      binSum[bin] += d.probability();
      binCount[bin]++;
      binCausal[bin] += item.causal() ? 1 : 0;
      Confusion one = Confusion.of(d.causal(), item.causal());
      answeredItems.add(one);
      all = all.plus(one);
      if (item.group() != null) {
        byGroup.merge(item.group(), one, Confusion::plus);
      }
    }
    Map<String, EvalReport.Group> groups = new TreeMap<>();
    groupSizes.forEach((g, n) -> {
      Confusion c = byGroup.getOrDefault(g, Confusion.EMPTY);
      groups.put(g, new EvalReport.Group(n, (int) c.n(), round(c.accuracy()), round(c.f1())));
    });
    double macro = groups.isEmpty() ? all.accuracy()
        : groups.values().stream().mapToDouble(EvalReport.Group::accuracy).average().orElse(0);
    List<EvalReport.Bin> bins = new ArrayList<>();
    double ece = 0;
    long answered = all.n();
    for (int b = 0; b < BINS; b++) {
      double meanP = binCount[b] == 0 ? 0 : binSum[b] / binCount[b];
      double fraction = binCount[b] == 0 ? 0 : (double) binCausal[b] / binCount[b];
      bins.add(new EvalReport.Bin(round((double) b / BINS), round((double) (b + 1) / BINS), binCount[b], round(meanP),
          round(fraction)));
      ece += answered == 0 ? 0 : (double) binCount[b] / answered * Math.abs(meanP - fraction);
    }
    return new EvalReport(judge, data, items.size(), (int) answered, round(all.accuracy()), round(all.precision()),
        round(all.recall()), round(all.f1()),
        Confusion.f1Interval(answeredItems, 0.95, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED),
        round(items.isEmpty() ? 0 : (double) (all.tp() + all.tn()) / items.size()), failures,
        groups, round(macro), round(ece), bins, decidedBy, decidedBy.getOrDefault("llm", 0) + decidedBy.getOrDefault(CascadeJudge.FALLBACK, 0), round(seconds),
        round(items.size() / Math.max(seconds, 1e-9)), tokensIn, tokensOut);
  }

  private void bar(int done, int total, long start) {
    if (progress == null || (done % 10 != 0 && done != total)) {
      return;
    }
    int width = 30;
    int filled = (int) ((long) width * done / Math.max(1, total));
    double rate = done / Math.max((System.nanoTime() - start) / 1e9, 1e-9);
    progress.printf(Locale.ROOT, "\r[%s%s] %d/%d  %.1f items/s", "=".repeat(filled), " ".repeat(width - filled), done,
        total, rate);
    progress.flush();
  }

  private static double round(double x) {
    return Confusion.round(x);
  }

  /** The report as a table. */
  public static void print(EvalReport r, PrintStream out) {
    out.printf(Locale.ROOT, "judge %s on %s%n", r.judge(), r.data());
    out.printf(Locale.ROOT, "  items %d, answered %d, failures %s%n", r.n(), r.answered(), r.failures());
    out.printf(Locale.ROOT, "  accuracy %.4f  precision %.4f  recall %.4f  F1 %.4f  (unanswered as wrong: accuracy %.4f)%n",
        r.accuracy(), r.precision(), r.recall(), r.f1(), r.unansweredAsWrongAccuracy());
    out.printf(Locale.ROOT, "  F1 %.0f%% bootstrap interval %.4f to %.4f (%d resamples)%n", r.f1Interval().level() * 100,
        r.f1Interval().lower(), r.f1Interval().upper(), r.f1Interval().resamples());
    if (!r.groups().isEmpty()) {
      out.printf(Locale.ROOT, "  %-24s %6s %9s %9s %7s%n", "group", "n", "answered", "accuracy", "F1");
      r.groups().forEach((g, s) -> out.printf(Locale.ROOT, "  %-24s %6d %9d %9.4f %7.4f%n", g, s.n(), s.answered(),
          s.accuracy(), s.f1()));
      out.printf(Locale.ROOT, "  macro group accuracy %.4f%n", r.macroGroupAccuracy());
    }
    out.printf(Locale.ROOT, "  expected calibration error (ECE, %d bins) %.4f%n", r.reliability().size(), r.ece());
    if (!r.decidedBy().isEmpty()) {
      out.printf(Locale.ROOT, "  decided by %s: %d of %d items went to the llm%n", r.decidedBy(), r.itemsToLlm(), r.n());
    }
    out.printf(Locale.ROOT, "  %.1f s, %.2f items/s, tokens in %d, out %d%n", r.seconds(), r.itemsPerSecond(),
        r.tokensIn(), r.tokensOut());
  }
}
