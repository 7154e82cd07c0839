package org.causalworkbench.app.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.metrics.Confusion;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.inference.gate.UnitGate;

/**
 * Scores the unit gate on texts labelled causal or not: each text is one sentence-unit, as the job
 * gives the gate a sentence. The threshold for a target recall is read off the sweep; choose it on a
 * split the detector was not trained on (the training files' held-out part), then report it on dev.
 */
public final class GateEvaluation {

  private final UnitGate gate;
  private final int batchSize;
  private final PrintStream progress;

  public GateEvaluation(UnitGate gate, int batchSize, PrintStream progress) {
    this.gate = gate;
    this.batchSize = Math.max(1, batchSize);
    this.progress = progress;
  }

  /** A text and whether it states a causal relation. */
  public record Item(String text, boolean causal) {}

  public GateReport run(String data, List<Item> items, double targetRecall) {
    long start = System.nanoTime();
    double[] p = new double[items.size()];
    for (int i = 0; i < items.size(); i += batchSize) {
      List<Item> part = items.subList(i, Math.min(items.size(), i + batchSize));
      double[] q = gate.probabilities(part.stream().map(GateEvaluation::unit).toList());
      System.arraycopy(q, 0, p, i, q.length);
      if (progress != null) {
        progress.printf(Locale.ROOT, "\rgate: %d/%d texts", Math.min(items.size(), i + batchSize), items.size());
      }
    }
    if (progress != null) {
      progress.println();
    }
    boolean[] gold = new boolean[items.size()];
    for (int i = 0; i < gold.length; i++) {
      gold[i] = items.get(i).causal();
    }
    List<GateReport.Point> sweep = new ArrayList<>();
    double forRecall = 0;
    for (int step = 1; step <= 99; step++) {
      double t = step / 100.0;
      Confusion c = Confusion.of(passes(p, t), gold);
      double share = items.isEmpty() ? 0 : (double) (c.tp() + c.fp()) / items.size();
      sweep.add(new GateReport.Point(t, Confusion.round(c.recall()), Confusion.round(share)));
      if (c.recall() >= targetRecall) {
        forRecall = t;
      }
    }
    Confusion at = Confusion.of(passes(p, gate.threshold()), gold);
    int causal = (int) (at.tp() + at.fn());
    return new GateReport(gate.describe(), data, items.size(), causal, gate.threshold(), Confusion.round(at.recall()),
        Confusion.round(at.precision()), Confusion.round(items.isEmpty() ? 0 : (double) (at.tp() + at.fp()) / items.size()),
        targetRecall, forRecall, sweep, Math.round((System.nanoTime() - start) / 1e7) / 100.0);
  }

  private static boolean[] passes(double[] p, double threshold) {
    boolean[] out = new boolean[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i] >= threshold;
    }
    return out;
  }

  /** The text as a one-sentence unit, without annotation: the detector reads text only. */
  private static Unit unit(Item item) {
    String doc = ContentIds.documentId(item.text());
    return Unit.of(doc, List.of(new Sentence(doc, 0, 0, item.text().length(), item.text(), List.of(), List.of())));
  }

  public static void print(GateReport r, PrintStream out) {
    out.printf(Locale.ROOT, "gate %s on %s: %d texts, %d causal%n", r.gate(), r.data(), r.n(), r.causal());
    out.printf(Locale.ROOT, "  at threshold %.2f: recall %.4f, precision %.4f, passes %.1f%% of texts%n",
        r.threshold(), r.recall(), r.precision(), 100 * r.passShare());
    out.printf(Locale.ROOT, "  highest threshold with recall >= %.2f: %.2f%n", r.targetRecall(), r.thresholdForRecall());
  }
}
