package org.causalworkbench.graph.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.store.EdgesVacuum;
import org.causalworkbench.graph.store.PostgresGraphWriter;
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
 * review made meanwhile waits at most for one chunk, never for the pass.
 *
 * <p>Requests are durable: the decision records its judges in {@code recalibration_requests} in
 * its own transaction ({@link #record}), and a pass removes the rows it read only once it has
 * applied them. A pass cut short (the process stopped or killed) leaves the older beliefs and the
 * request; the next process to open the store ({@link #resume}) runs the pass again. One process
 * at a time runs a pass over a store (a PostgreSQL advisory lock): the review command and the
 * server do not both rewrite the graph.
 */
public final class Recalibration implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Recalibration.class);

  /** The session-level advisory lock a process holds while it runs a pass over the store. */
  static final long PASS_LOCK = 0x6377_7265_6361_6cL;

  /** Tries, 50 ms apart, for edges that writers keep locked. */
  private static final int MAX_ROUNDS = 200;

  /** How often a pass asks again for the lock another process's pass holds. */
  private static final long LOCK_POLL_MS = 200;

  /**
   * Where recalibration stands: whether a pass waits or runs, and how far the running one got.
   * {@code elsewhere}: the requests waiting were recorded by another process (a forget, the review
   * command, a second server), whose progress this one cannot see.
   */
  public record Status(boolean recalibrating, long edgesDone, long edgesTotal, boolean elsewhere) {}

  private final DataSource dataSource;
  private final EdgeScorer scorer;
  private final int chunk;
  private final int workers;
  private final ExecutorService worker;
  private final ExecutorService writers;
  private boolean scheduled;
  private volatile boolean running;
  private volatile long done;
  private volatile long total;

  public Recalibration(DataSource dataSource, EdgeScorer scorer, RecalibrationSettings settings) {
    this.dataSource = dataSource;
    this.scorer = scorer;
    this.chunk = settings.chunk();
    this.workers = settings.workers();
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "belief-recalibration");
      t.setDaemon(true);
      return t;
    });
    AtomicInteger n = new AtomicInteger();
    this.writers = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "belief-recalibration-writer-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Records, in the caller's transaction (the decision's), that the other edges of {@code judges}
   * need recalibrating; the caller then {@link #request}s the pass once it has committed.
   */
  public static void record(Connection c, Set<String> judges) throws SQLException {
    if (judges.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO recalibration_requests (judge_id)"
        + " SELECT unnest(?::text[]) ON CONFLICT (judge_id) DO UPDATE"
        + " SET request = nextval('recalibration_request_number'), requested_at = now()")) {
      s.setArray(1, c.createArrayOf("text", judges.toArray()));
      s.executeUpdate();
    }
  }

  /** Asks for the undecided edges with evidence from {@code judges} to be re-scored soon. */
  public void request(Set<String> judges) {
    if (!judges.isEmpty()) {
      schedule();
    }
  }

  /**
   * Starts the pass that an earlier process left unfinished, if any; returns the number of judges
   * whose requests it found.
   */
  public int resume() {
    Map<String, Long> left = Transactions.run(dataSource, "read the unfinished recalibration requests",
        Recalibration::requests);
    if (!left.isEmpty()) {
      LOG.info("the beliefs of judges {} were not recalibrated after their last reviews (the process that recorded"
          + " them stopped first); recalibrating them now", left.keySet());
      schedule();
    }
    return left.size();
  }

  private void schedule() {
    synchronized (this) {
      if (scheduled) {
        return;
      }
      scheduled = true;
    }
    worker.execute(this::pass);
  }

  /** This process's recalibration: what a command waits for before it exits. */
  public synchronized Status status() {
    return new Status(scheduled || running, done, total, false);
  }

  /**
   * The store's: this process's pass, or else requests any process recorded and no pass has yet
   * applied. What the analyst's queue shows, so that it holds its order while beliefs move
   * whichever process moves them.
   */
  public Status storeStatus() {
    Status own = status();
    if (own.recalibrating()) {
      return own;
    }
    boolean waiting = !Transactions.run(dataSource, "read the recalibration requests", Recalibration::requests).isEmpty();
    return waiting ? new Status(true, 0, 0, true) : own;
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
    synchronized (this) {
      scheduled = false;
      running = true;
    }
    // One connection for the whole pass: it holds the lock, and the stage is a temporary table.
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      awaitPassLock(c);
      try {
        while (passOnce(c)) {
          // requests recorded after this pass read them: their rates were not in it
        }
      } finally {
        Transactions.run(c, "release the recalibration lock", x -> advisory(x, "pg_advisory_unlock"));
      }
    } catch (InterruptedException e) {
      LOG.info("recalibration stopped before it finished; the next process to open the store finishes it");
      Thread.currentThread().interrupt();
    } catch (SQLException | RuntimeException e) {
      // The request stays: the next review, or the next process to open the store, asks again.
      LOG.error("recalibrating the beliefs after reviews failed; the other edges of the reviewed judges keep their"
          + " earlier belief until the next review or restart: {}", e.getMessage(), e);
    } finally {
      running = false;
    }
  }

  /** Waits, without holding a connection's transaction open, while another process runs a pass. */
  private static void awaitPassLock(Connection c) throws InterruptedException {
    boolean logged = false;
    while (!Transactions.run(c, "take the recalibration lock", x -> advisory(x, "pg_try_advisory_lock"))) {
      if (!logged) {
        LOG.info("another process is recalibrating this store's beliefs; this pass waits for it to end");
        logged = true;
      }
      Thread.sleep(LOCK_POLL_MS);
    }
  }

  private static boolean advisory(Connection c, String function) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + function + "(?)")) {
      s.setLong(1, PASS_LOCK);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /** The recorded requests: judge to request number. */
  private static Map<String, Long> requests(Connection c) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT judge_id, request FROM recalibration_requests");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  /**
   * Applies the requests recorded so far and removes them; returns whether newer ones wait. The
   * requests are read before the review counts, so a pass never removes a request whose review it
   * did not count.
   */
  private boolean passOnce(Connection c) throws InterruptedException {
    Map<String, Long> read = Transactions.run(c, "read the recalibration requests", Recalibration::requests);
    if (read.isEmpty()) {
      return false;
    }
    long started = System.nanoTime();
    Written written = writeStaged(c);
    List<Long> exact = written.left();
    total = done + exact.size();
    // Edges with negated statements, and those a write changed or held since the stage: scored
    // from their sums, under their row locks.
    List<Long> later = new ArrayList<>();
    for (int from = 0; from < exact.size(); from += chunk) {
      stopIfInterrupted();
      List<Long> part = exact.subList(from, Math.min(exact.size(), from + chunk));
      later.addAll(recalibrate(c, part));
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
      later = recalibrate(c, later);
    }
    EdgesVacuum.afterRewrite(c, written.changed() + exact.size(), written.staged());
    boolean newer = Transactions.run(c, "remove the applied recalibration requests", x -> {
      try (PreparedStatement s = x.prepareStatement("DELETE FROM recalibration_requests r USING"
          + " unnest(?::text[], ?::bigint[]) AS a(judge_id, request)"
          + " WHERE r.judge_id = a.judge_id AND r.request = a.request")) {
        s.setArray(1, x.createArrayOf("text", read.keySet().toArray()));
        s.setArray(2, x.createArrayOf("bigint", read.values().toArray()));
        s.executeUpdate();
      }
      return !requests(x).isEmpty();
    });
    LOG.info("recalibrated after reviews of judges {} in {} ms: {} undecided edges read at once ({} ms), {} of them"
        + " rewritten by {} connections (the others moved by at most the tolerance), {} scored edge by edge",
        read.keySet(), (System.nanoTime() - started) / 1_000_000, written.staged(), written.readMillis(),
        written.changed(), workers, exact.size());
    return newer;
  }

  private static void stopIfInterrupted() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("recalibration stopped");
    }
  }

  /**
   * What the staged part of a pass did: edges read, edges rewritten, milliseconds the read took,
   * edges left to score one by one.
   */
  private record Written(int staged, int changed, long readMillis, List<Long> left) {}

  /**
   * Stages every undecided edge's recalibrated belief (the stage is a temporary table on {@code c})
   * and writes the changes, one transaction per chunk: the chunks are read from the stage on
   * {@code c} and written by {@code workers} connections side by side (PostgreSQL spends a rewrite's
   * time in one backend per connection, on the table and its indexes).
   */
  private Written writeStaged(Connection c) throws InterruptedException {
    long started = System.nanoTime();
    EdgeScorer.Stage stage = Transactions.run(c, "compute the recalibrated beliefs", x ->
        scorer.withReviews(PostgresGraphWriter.reviewCounts(x)).stageRecalibration(x));
    long read = (System.nanoTime() - started) / 1_000_000;
    ArrayDeque<ChunkWrite> writing = new ArrayDeque<>();
    try {
      long[] ids = stage.changed();
      total = stage.staged() + stage.exact().size();
      done = stage.staged() - ids.length;
      Set<Long> left = new TreeSet<>(stage.exact());
      for (int from = 0; from < ids.length; from += chunk) {
        stopIfInterrupted();
        int start = from;
        int end = Math.min(ids.length, from + chunk);
        EdgeScorer.StagedChunk rows = Transactions.run(c, "read the recalibrated beliefs", x ->
            scorer.stagedChunk(x, stage, start, end));
        writing.add(new ChunkWrite(end - start, writers.submit(() -> Transactions.run(dataSource,
            "apply the recalibrated beliefs", x -> scorer.applyChunk(x, rows)))));
        while (writing.size() >= workers * 2) {
          left.addAll(written(writing.poll()));
        }
      }
      while (!writing.isEmpty()) {
        left.addAll(written(writing.poll()));
      }
      left.addAll(Transactions.run(c, "find the edges written since the recalibration read them",
          x -> scorer.movedSinceStaged(x, stage)));
      return new Written(stage.staged(), ids.length, read, new ArrayList<>(left));
    } finally {
      writing.forEach(w -> w.future().cancel(true));
      Transactions.run(c, "drop the recalibration's stage", x -> x.createStatement().execute(
          "DROP TABLE IF EXISTS recalibration_stage"));
    }
  }

  /** A chunk handed to a writer connection: its size, and the edges it will leave. */
  private record ChunkWrite(int size, Future<Set<Long>> future) {}

  /** Waits for one chunk's write; returns the edges it left. */
  private Set<Long> written(ChunkWrite write) throws InterruptedException {
    try {
      Set<Long> left = write.future().get();
      done += write.size();
      return left;
    } catch (ExecutionException e) {
      // Transactions.run wraps every SQL failure in an unchecked store error: nothing else is checked here.
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /** Re-scores the edges; returns those a writer held, to try again. */
  private List<Long> recalibrate(Connection c, List<Long> edges) {
    return new ArrayList<>(Transactions.run(c, "recalibrate beliefs", x ->
        scorer.withReviews(PostgresGraphWriter.reviewCounts(x)).recalibrate(x, edges)));
  }

  /**
   * Stops taking requests and stops a pass under way after its current chunk; its requests stay
   * recorded for the next process to finish.
   */
  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writers.shutdownNow();
  }
}
