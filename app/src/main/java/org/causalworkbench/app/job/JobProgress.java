package org.causalworkbench.app.job;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.causalworkbench.pipeline.functions.AnnotateFunction;
import org.causalworkbench.pipeline.functions.CandidatesFunction;
import org.causalworkbench.pipeline.functions.DecodeDocumentFunction;
import org.causalworkbench.graph.runs.RunRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.causalworkbench.pipeline.local.LocalJob;
/**
 * Shows a running job's progress while it runs: documents done (processed or dead-lettered) of
 * those it has to read, sentences per second, and the time left at the rate so far. On a
 * terminal one line is redrawn every two seconds; otherwise a log line is written every ten. Each
 * report also goes to a listener (the run's record in the store, which the status page shows).
 */
public final class JobProgress implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JobProgress.class);

  private final Callable<RunRecord.Progress> reader;
  private final PrintStream terminal;
  private final Consumer<RunRecord.Progress> listener;
  private final ScheduledExecutorService timer;
  private volatile boolean drawn;
  private volatile boolean listenerFailed;

  private JobProgress(Callable<RunRecord.Progress> reader, PrintStream terminal, Consumer<RunRecord.Progress> listener) {
    this.reader = reader;
    this.terminal = terminal;
    this.listener = listener;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "job-progress");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * @param reader reads the job's progress now (a local job's counters, or a cluster job's)
   * @param terminal where to redraw one line, or null to log instead
   * @param listener gets each report as well
   */
  public static JobProgress start(Callable<RunRecord.Progress> reader, PrintStream terminal,
      Consumer<RunRecord.Progress> listener) {
    JobProgress progress = new JobProgress(reader, terminal, listener);
    long every = terminal != null ? 2 : 10;
    progress.timer.scheduleWithFixedDelay(progress::report, every, every, TimeUnit.SECONDS);
    return progress;
  }

  /** The progress a job's counters show, of {@code documents} to read. */
  public static RunRecord.Progress of(LocalJob.Result now, long documents, boolean bounded) {
    long received = now.counter(DecodeDocumentFunction.RECEIVED);
    long done = now.counter(CandidatesFunction.PROCESSED) + now.counter(DecodeDocumentFunction.DEAD_LETTERED);
    long total = Math.max(documents, received);
    long sentences = now.counter(AnnotateFunction.SENTENCES);
    return new RunRecord.Progress(received, done, total, sentences, line(done, total, sentences, now.seconds(), bounded),
        java.time.Instant.now());
  }

  private void report() {
    try {
      RunRecord.Progress progress = reader.call();
      tell(progress);
      String line = progress.line();
      if (terminal != null) {
        terminal.print("\r" + line + "   ");
        terminal.flush();
        drawn = true;
      } else {
        LOG.info(line);
      }
    } catch (Exception e) {
      LOG.debug("no progress this time: {}", e.toString()); // the job is starting or ending
    }
  }

  /** "120/600 documents (20%), 45.0 sentences/s, about 2:40 left" from what is done after {@code seconds}. */
  public static String line(long done, long total, long sentences, double seconds, boolean bounded) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "job: %d/%d documents", done, total));
    if (total > 0) {
      out.append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, 100 * done / total)));
    }
    if (done == 0 || seconds <= 0) {
      return out.append(", starting").toString();
    }
    out.append(String.format(Locale.ROOT, ", %.1f sentences/s", sentences / seconds));
    if (done >= total) {
      return out.append(bounded ? ", finishing" : ", waiting for documents").toString();
    }
    long left = Math.round((total - done) / (done / seconds));
    return out.append(String.format(Locale.ROOT, ", about %d:%02d left", left / 60, left % 60)).toString();
  }

  private void tell(RunRecord.Progress progress) {
    try {
      listener.accept(progress);
    } catch (RuntimeException e) {
      if (!listenerFailed) { // once: the job goes on without its record kept current
        listenerFailed = true;
        LOG.warn("cannot record the run's progress in the store: {}", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (terminal != null && drawn) {
      terminal.println();
    }
  }
}
