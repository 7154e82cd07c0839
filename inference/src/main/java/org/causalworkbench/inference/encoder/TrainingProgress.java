package org.causalworkbench.inference.encoder;

import java.io.PrintStream;
import java.util.Locale;

/** The progress bar of a training epoch: examples done, mean loss so far, examples per second. */
public final class TrainingProgress {

  private static final int WIDTH = 30;
  private final PrintStream out;
  private long lastDrawn;

  /** {@code out} may be null: then nothing is drawn. */
  public TrainingProgress(PrintStream out) {
    this.out = out;
  }

  /** Redraws the bar at most twice a second, and always at the end of the epoch. */
  public void update(int epoch, int done, int total, double loss, long epochStartNanos) {
    long now = System.nanoTime();
    if (out == null || (done < total && now - lastDrawn < 500_000_000L)) {
      return;
    }
    lastDrawn = now;
    int filled = (int) ((long) WIDTH * done / Math.max(1, total));
    double rate = done / Math.max((now - epochStartNanos) / 1e9, 1e-9);
    out.printf(Locale.ROOT, "\repoch %d [%s%s] %d/%d  loss %.4f  %.1f examples/s", epoch, "=".repeat(filled),
        " ".repeat(WIDTH - filled), done, total, loss, rate);
    out.flush();
  }

  /** Ends the epoch's line, with a note when there is one. */
  public void endEpoch(String note) {
    if (out != null) {
      out.println(note == null ? "" : note);
    }
  }
}
