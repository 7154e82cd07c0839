package org.causalworkbench.app.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.graph.query.EdgeFilter;
import org.causalworkbench.graph.query.GraphNavigator;
import org.causalworkbench.graph.query.GraphQueries;
import org.causalworkbench.graph.review.ReviewQueue;
import org.causalworkbench.graph.review.RecalibrationSettings;
import org.causalworkbench.graph.review.ReviewService;
import org.causalworkbench.graph.score.CycleFlagger;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.score.EdgeScorers;
import org.causalworkbench.graph.store.PostgresGraphWriter;

/**
 * Loads synthetic evidence into a fresh embedded PostgreSQL through the job's own graph writer and
 * times the store: insert rate (with its curve over the load), re-scoring one edge, a review and
 * the recalibration it sets off, more reviews with hub edges decided and the recalibration after a
 * later one, the cycle refresh and each graph query, each next to its target. Variables are drawn
 * with a skew (a few hubs, a long tail), judges from three, documents from a pool, so evidence
 * meets on edges as in a corpus.
 * Prints figures; decides nothing.
 */
public final class GraphBenchmark {

  private static final String[] JUDGES = {"cue", "encoder", "llm"};

  // Targets of the issue "The graph store at literature scale", at a million evidence rows.
  private static final double INSERT_TARGET = 20_000;
  private static final double REVIEW_TARGET_MS = 100;
  private static final int MORE_REVIEWS = 9;
  private static final double RECALIBRATION_TARGET_MS = 10_000;
  private static final double QUEUE_TARGET_MS = 200;
  private static final double QUERY_TARGET_MS = 200;

  private final WorkbenchConfig config;

  public GraphBenchmark(WorkbenchConfig config) {
    this.config = config;
  }

  /**
   * The read queries alone, on the graph of the configured store ({@code --jdbc-url}): no load, no
   * review, nothing written. The hubs are the bench's own names, so the store must hold a graph
   * this benchmark loaded (one left by a larger run, for instance).
   */
  public void queries() {
    try (WorkbenchServices services = WorkbenchServices.start(config, false, true)) {
      DataSource data = services.database().dataSource();
      System.out.printf(Locale.ROOT, "graph: %,d evidence rows, %,d variables, %,d edges%n",
          count(data, "SELECT count(*) FROM evidence"), count(data, "SELECT count(*) FROM variables"),
          count(data, "SELECT count(*) FROM edges"));
      System.out.printf(Locale.ROOT, "%-72s %12s  %-16s %s%n", "", "measured", "target", "ratio (<= 1 meets it)");
      readQueries(data);
    }
  }

  public void run(int evidence, int variables, int batch, int writers, Path workDir, long seed) {
    WorkbenchConfig c = config.with(WorkbenchOptions.DATA_DIR, workDir.resolve("data").toString());
    try (WorkbenchServices services = WorkbenchServices.start(c, false, true)) {
      DataSource data = services.database().dataSource();
      EdgeScorer scorer = EdgeScorers.fromConfig(c);
      double seconds = load(data, c, evidence, variables, batch, writers, seed);
      System.out.printf(Locale.ROOT, "%-72s %,9.0f rows/s  target >= %,.0f  %.2fx target (%,d rows in %.1f s)%n",
          "insert (" + (writers == 1 ? "1 graph writer" : writers + " graph writers") + " as the job's sink, batches of "
              + batch + ", scoring included)",
          evidence / seconds, INSERT_TARGET, evidence / seconds / INSERT_TARGET, evidence, seconds);
      long edges = count(data, "SELECT count(*) FROM edges");
      System.out.printf(Locale.ROOT, "graph: %,d variables, %,d edges%n", count(data, "SELECT count(*) FROM variables"),
          edges);
      System.out.printf(Locale.ROOT, "%-72s %12s  %-16s %s%n", "", "measured", "target", "ratio (<= 1 meets it)");

      long edge = count(data, "SELECT id FROM edges ORDER BY evidence_count DESC, id LIMIT 1");
      time("re-score one edge (its " + count(data, "SELECT evidence_count FROM edges WHERE id = " + edge)
          + " evidence rows)", QUERY_TARGET_MS, () -> {
            try (Connection conn = data.getConnection()) {
              conn.setAutoCommit(false);
              scorer.withReviews(PostgresGraphWriter.reviewCounts(conn)).rescore(conn, Set.of(edge), false);
              conn.commit();
            } catch (java.sql.SQLException e) {
              throw new IllegalStateException(e);
            }
            return "";
          });
      try (ReviewService reviews = new ReviewService(data, scorer, RecalibrationSettings.from(config))) {
        time("review (accept the edge with the most evidence)", REVIEW_TARGET_MS,
            () -> reviews.reviewEdge(edge, ReviewService.EdgeDecision.ACCEPT, "bench", null).state());
        recalibrationFigure(reviews, "recalibration after it (the first review: every judge's rates move)");
        // Each review recounts its judges' reviews from the decided edges' evidence: with hub edges
        // decided, that is thousands of rows. The slowest of the next reviews, while the
        // recalibrations they set off run, as an analyst's would.
        List<Long> next = ids(data, "SELECT id FROM edges WHERE review_state IN ('unreviewed', 'needs_review')"
            + " ORDER BY evidence_count DESC, id LIMIT " + (MORE_REVIEWS + 1));
        double slowest = 0;
        for (long id : next.subList(0, MORE_REVIEWS)) {
          long start = System.nanoTime();
          reviews.reviewEdge(id, ReviewService.EdgeDecision.ACCEPT, "bench", null);
          slowest = Math.max(slowest, (System.nanoTime() - start) / 1e6);
        }
        figure("the slowest of " + MORE_REVIEWS + " more reviews (the next largest edges, accepted)", slowest,
            REVIEW_TARGET_MS, (MORE_REVIEWS + 1) + " edges decided");
        awaitRecalibrated(reviews);
        reviews.reviewEdge(next.get(MORE_REVIEWS), ReviewService.EdgeDecision.ACCEPT, "bench", null);
        recalibrationFigure(reviews, "recalibration after one more review (the rates move a little)");
      }
      // The sink's periodic pass, in the background: no target of its own. A batch flags its own
      // edges from the components this pass last found.
      long cycles = System.nanoTime();
      int inCycles = CycleFlagger.refresh(data, scorer.reviewFlags());
      System.out.printf(Locale.ROOT, "%-72s %9.1f ms  %-28s (%,d edges in cycles)%n",
          "cycle refresh over the whole graph (the sink's periodic pass)", (System.nanoTime() - cycles) / 1e6,
          "no target: in the background", inCycles);
      readQueries(data);
    }
  }

  /**
   * Writes the synthetic evidence as the job's evidence sink does: {@code writers} graph writers,
   * each on its own thread and connection, each verdict routed by its unordered variable pair (the
   * sink's key), batches of {@code batch} per writer. Returns the seconds until all have committed.
   */
  private static double load(DataSource data, WorkbenchConfig c, int evidence, int variables, int batch, int writers,
      long seed) {
    Random random = new Random(seed);
    int documents = Math.max(1, evidence / 20);
    List<BlockingQueue<List<Verdict>>> queues = new ArrayList<>();
    List<Future<?>> running = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    // The curve: the rate of each tenth of the load, so a slowdown as the tables grow shows.
    int stretch = Math.max(batch, evidence / 10 / batch * batch);
    System.out.println("insert curve (rows handed to the writers: rows/s over the last stretch, rows/s overall)");
    long start = System.nanoTime();
    try {
      for (int w = 0; w < writers; w++) {
        BlockingQueue<List<Verdict>> queue = new ArrayBlockingQueue<>(2);
        queues.add(queue);
        PostgresGraphWriter writer = new PostgresGraphWriter(data, EdgeScorers.fromConfig(c));
        running.add(pool.submit(() -> {
          for (List<Verdict> verdicts = queue.take(); !verdicts.isEmpty(); verdicts = queue.take()) {
            writer.writeVerdicts(verdicts);
          }
          return null;
        }));
      }
      List<List<Verdict>> pending = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        pending.add(new ArrayList<>(batch));
      }
      long stretchStart = start;
      for (int i = 0; i < evidence; i++) {
        Verdict v = verdict(random, i, variables, documents);
        int w = Math.floorMod(v.variablePair().hashCode(), writers);
        pending.get(w).add(v);
        if (pending.get(w).size() == batch) {
          put(queues.get(w), running.get(w), pending.get(w));
          pending.set(w, new ArrayList<>(batch));
        }
        int handed = i + 1;
        if (handed % stretch == 0) {
          long now = System.nanoTime();
          System.out.printf(Locale.ROOT, "  %,12d: %,8.0f rows/s, %,8.0f overall%n", handed,
              stretch / ((now - stretchStart) / 1e9), handed / ((now - start) / 1e9));
          stretchStart = now;
        }
      }
      for (int w = 0; w < writers; w++) {
        if (!pending.get(w).isEmpty()) {
          put(queues.get(w), running.get(w), pending.get(w));
        }
        put(queues.get(w), running.get(w), List.of()); // the end of this writer's input
      }
      for (Future<?> writer : running) {
        writer.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a graph writer failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Hands a batch to a writer, waiting while its queue is full, and failing as soon as the writer has. */
  private static void put(BlockingQueue<List<Verdict>> queue, Future<?> writer,
      List<Verdict> batch) throws InterruptedException, ExecutionException {
    while (!queue.offer(batch, 1, TimeUnit.SECONDS)) {
      if (writer.isDone()) {
        writer.get();
      }
    }
  }

  /** Times the recalibration a review just set off until it ends. */
  private static void recalibrationFigure(ReviewService reviews, String what) {
    long start = System.nanoTime();
    awaitRecalibrated(reviews);
    long recalibrated = reviews.recalibration().status().edgesTotal();
    // Target: 700,000 edges in 10 s, scaled to the edges there are.
    figure(what, (System.nanoTime() - start) / 1e6, RECALIBRATION_TARGET_MS * recalibrated / 700_000.0,
        recalibrated + " edges, in the background");
  }

  private static void awaitRecalibrated(ReviewService reviews) {
    try {
      reviews.recalibration().awaitIdle(java.time.Duration.ofHours(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The graph queries an analyst's screens and the API run, each timed beside its target. */
  private static void readQueries(DataSource data) {
    GraphNavigator navigator = new GraphNavigator(data);
    String hub = name(0);
    String other = name(1);
    long hubId = count(data, "SELECT id FROM variables WHERE name = '" + hub + "'");
    long hubEdges = count(data, "SELECT (SELECT count(*) FROM edges WHERE cause_id = " + hubId
        + ") + (SELECT count(*) FROM edges WHERE effect_id = " + hubId + ")");
    time("neighbours of a hub variable (" + hubEdges + " edges), strongest 500", QUERY_TARGET_MS,
        () -> navigator.neighbours(hub, 0, 500).size() + " edges");
    time("API: the hub's edges, first page of 500 (GET /api/edges?variable=)", QUERY_TARGET_MS,
        () -> new GraphQueries(data).edgesPage(new EdgeFilter(null, null, null, null, null, null, null, hubId, null,
            500), null).items().size() + " edges");
    time("paths hub -> second hub, up to 3 edges (first 100)", QUERY_TARGET_MS,
        () -> navigator.paths(hub, other, 3, 0, 100).size() + " paths");
    time("strongest path, up to 3 edges", QUERY_TARGET_MS, () -> navigator.strongestPath(hub, other, 3).map(p ->
        String.format(Locale.ROOT, "%d edges, strength %.4f", p.links().size(), p.strength())).orElse("none"));
    time("subgraph belief >= 0.9 (first 10,000)", QUERY_TARGET_MS,
        () -> navigator.subgraph(0.9, 10_000).size() + " edges");
    java.time.Instant since = java.time.Instant.now().minusSeconds(60);
    time("edges changed in the last minute (first 10,000)", QUERY_TARGET_MS,
        () -> navigator.changedSince(since, 10_000).size() + " edges");
    time("review queue, first 50", QUEUE_TARGET_MS,
        () -> new ReviewQueue(data).page(ReviewQueue.Scope.FLAGGED, 50, null).items().size() + " items");
  }

  /** Variable i of the skewed draw: low indexes are hubs. */
  private static String name(int index) {
    return String.format(Locale.ROOT, "variable %06d", index);
  }

  private static Verdict verdict(Random random, int i, int variables, int documents) {
    int a = skewed(random, variables);
    int b = skewed(random, variables);
    if (a == b) {
      b = (b + 1) % variables;
    }
    String doc = "doc-" + random.nextInt(documents);
    String judge = JUDGES[random.nextInt(JUDGES.length)];
    Span cause = new Span(i, i + 1, "a");
    Span effect = new Span(i + 2, i + 3, "b");
    double p = 0.5 + random.nextDouble() * 0.5;
    return new Verdict(ContentIds.evidenceId(doc, cause, effect, judge, "bench"), doc + "#" + i, doc, doc + "/u" + i,
        List.of(0), CausalLabel.CAUSE_TO_EFFECT, p, judge, "bench", cause, effect, name(a), name(b), "synthetic",
        Set.of());
  }

  /** Zipf-like: index ~ n^u for uniform u, so a few variables take much of the evidence. */
  private static int skewed(Random random, int n) {
    return Math.min(n - 1, (int) Math.floor(Math.pow(n, random.nextDouble())) - 1);
  }

  private static List<Long> ids(DataSource data, String sql) {
    List<Long> out = new ArrayList<>();
    try (Connection c = data.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
      return out;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(DataSource data, String sql) {
    try (Connection c = data.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void time(String what, double targetMs, Supplier<String> work) {
    long start = System.nanoTime();
    String result = work.get();
    figure(what, (System.nanoTime() - start) / 1e6, targetMs, result);
  }

  /** One timed figure next to its target (the issue's) and their ratio. */
  private static void figure(String what, double ms, double targetMs, String result) {
    System.out.printf(Locale.ROOT, "%-72s %9.1f ms  target <= %,7.0f ms  %6.2fx  (%s)%n", what, ms, targetMs,
        ms / Math.max(1e-9, targetMs), result);
  }
}
