package org.causalworkbench.graph.review;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.store.PostgresGraphWriter;
import org.causalworkbench.graph.store.StoreException;
import org.causalworkbench.graph.store.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the judges' new error rates to the rest of the graph after reviews changed them. Runs
 * after the decision has committed, on one background thread; requests that arrive while a pass
 * waits or runs are coalesced into the next pass (many reviews, one pass). A pass reads every
 * undecided edge's belief at the rates of the reviews so far in one statement that locks nothing
 * ({@link EdgeScorer#stageRecalibration}), then writes the edges that moved beyond the tolerance in
 * short transactions over chunks, skipping any row a write changed or holds; those, and the edges
 * negated statements speak against, are then re-scored chunk by chunk under their row locks. A
 * review made meanwhile waits at most for one chunk, never for the pass; a pass cut short (the
 * process killed) leaves the older beliefs, and the next pass reads the whole graph again.
 */
public final class Recalibration implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Recalibration.class);

  /**
   * Edges per transaction: a review of one of them waits at most that long (about 0.2 s for
   * 2,000 edges of a 40,000-row graph on two cores); smaller chunks cost more per edge.
   */
  public static final int DEFAULT_CHUNK = 2_000;

  /** Tries, 50 ms apart, for edges that writers keep locked. */
  private static final int MAX_ROUNDS = 200;

  /** Where recalibration stands: whether a pass waits or runs, and how far the running one got. */
  public record Status(boolean recalibrating, long edgesDone, long edgesTotal) {}

  private final DataSource dataSource;
  private final EdgeScorer scorer;
  private final int chunk;
  private final ExecutorService worker;
  private final Set<String> pending = new TreeSet<>();
  private boolean scheduled;
  private volatile boolean running;
  private volatile long done;
  private volatile long total;

  public Recalibration(DataSource dataSource, EdgeScorer scorer, int chunk) {
    this.dataSource = dataSource;
    this.scorer = scorer;
    this.chunk = chunk;
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "belief-recalibration");
      t.setDaemon(true);
      return t;
    });
  }

  /** Asks for the undecided edges with evidence from {@code judges} to be re-scored soon. */
  public void request(Set<String> judges) {
    if (judges.isEmpty()) {
      return;
    }
    synchronized (this) {
      pending.addAll(judges);
      if (scheduled) {
        return;
      }
      scheduled = true;
    }
    worker.execute(this::pass);
  }

  public synchronized Status status() {
    return new Status(scheduled || running, done, total);
  }

  /** Waits until no pass waits or runs; returns false if {@code timeout} passed first. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (status().recalibrating()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private void pass() {
    Set<String> judges;
    synchronized (this) {
      judges = new TreeSet<>(pending);
      pending.clear();
      scheduled = false;
      running = true;
    }
    long started = System.nanoTime();
    try {
      Written written = writeStaged();
      List<Long> exact = written.left();
      total = done + exact.size();
      // Edges with negated statements, and those a write changed or held since the stage: scored
      // from their sums, under their row locks.
      List<Long> later = new ArrayList<>();
      for (int from = 0; from < exact.size(); from += chunk) {
        List<Long> part = exact.subList(from, Math.min(exact.size(), from + chunk));
        later.addAll(recalibrate(part));
        done += part.size();
      }
      // Edges a writer held: tried again once its batch has committed (it scored them itself, but
      // perhaps with the rates from before the review).
      for (int round = 0; !later.isEmpty(); round++) {
        if (round == MAX_ROUNDS) {
          LOG.warn("{} edges stayed locked by writers through {} tries; they keep the belief their last write"
              + " gave them until the next review", later.size(), MAX_ROUNDS);
          break;
        }
        Thread.sleep(50);
        later = recalibrate(later);
      }
      LOG.info("recalibrated after reviews of judges {} in {} ms: {} undecided edges read at once, {} of them"
          + " rewritten (the others moved by at most the tolerance), {} scored edge by edge", judges,
          (System.nanoTime() - started) / 1_000_000, written.staged(), written.changed(), exact.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The next review asks again; until then those edges keep their earlier belief.
      LOG.error("recalibrating the edges of judges {} failed; their beliefs stay as they were until the next"
          + " review: {}", judges, e.getMessage(), e);
    } finally {
      running = false;
    }
  }

  /** What the staged part of a pass did: edges read, edges rewritten, edges left to score one by one. */
  private record Written(int staged, int changed, List<Long> left) {}

  /**
   * Stages every undecided edge's recalibrated belief and writes the changes, on one connection
   * (the stage is a temporary table), one transaction per chunk.
   */
  private Written writeStaged() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      EdgeScorer.Stage stage = Transactions.run(c, "compute the recalibrated beliefs", x ->
          scorer.withReviews(PostgresGraphWriter.reviewCounts(x)).stageRecalibration(x));
      long[] ids = stage.changed();
      total = stage.staged() + stage.exact().size();
      done = stage.staged() - ids.length;
      Set<Long> left = new TreeSet<>(stage.exact());
      for (int from = 0; from < ids.length; from += chunk) {
        int start = from;
        int end = Math.min(ids.length, from + chunk);
        left.addAll(Transactions.run(c, "apply the recalibrated beliefs", x -> scorer.applyStaged(x, stage, start,
            end)));
        done += end - start;
      }
      left.addAll(Transactions.run(c, "find the edges written since the recalibration read them",
          scorer::movedSinceStaged));
      Transactions.run(c, "drop the recalibration's stage", x -> x.createStatement().execute(
          "DROP TABLE IF EXISTS recalibration_stage"));
      return new Written(stage.staged(), ids.length, new ArrayList<>(left));
    } catch (SQLException e) {
      throw new StoreException("cannot recalibrate: " + e.getMessage(), e);
    }
  }

  /** Re-scores the edges; returns those a writer held, to try again. */
  private List<Long> recalibrate(List<Long> edges) {
    return new ArrayList<>(Transactions.run(dataSource, "recalibrate beliefs", c ->
        scorer.withReviews(PostgresGraphWriter.reviewCounts(c)).recalibrate(c, edges)));
  }

  /** Stops taking requests and lets a pass under way finish its current chunk. */
  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
