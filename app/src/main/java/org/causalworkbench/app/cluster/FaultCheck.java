package org.causalworkbench.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.causalworkbench.app.pipeline.PipelineRunner;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.graph.runs.RunRecord;
import org.causalworkbench.graph.runs.RunStore;
import org.causalworkbench.ingest.kafka.TopicDrain;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.model.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault check: a corpus streams through the job on a {@link LocalCluster} while one
 * TaskManager and then one broker are killed with kill -9 and started again; the graph and the
 * {@code verdicts} topic must then equal those of a clean run of the same corpus (a bounded run in
 * a local MiniCluster on topics and a database of its own): nothing lost, nothing twice. The
 * corpus arrives in three waves so that each kill lands while documents are being read, and the
 * recovery time of each kill is how long the store went without a new document.
 */
public final class FaultCheck {

  private static final Logger LOG = LoggerFactory.getLogger(FaultCheck.class);
  private static final Duration WAVE_WAIT = Duration.ofMinutes(4);

  /**
   * How long the job took to be whole again after a kill: until a checkpoint triggered after the
   * kill completed (every task running and the transactional sinks committing through the
   * brokers left), and whether Flink restarted the job for it.
   */
  public record Recovery(String killed, double seconds, boolean restarted) {}

  /**
   * What the check found.
   *
   * @param lost evidence of the clean run missing from the faulty run's verdicts topic or store
   * @param duplicated records of the faulty run's verdicts topic beyond one per evidence id
   * @param differences what differs from the clean run, empty when the graphs are equal
   */
  public record Report(int documents, long evidence, int killsSurvived, long lost, long duplicated,
      List<Recovery> recoveries, List<String> differences, double seconds) {

    public boolean passed() {
      return lost == 0 && duplicated == 0 && differences.isEmpty();
    }
  }

  private final Path dir;
  private final int documents;
  private final PrintStream out;

  public FaultCheck(Path dir, int documents, PrintStream out) {
    this.dir = dir.toAbsolutePath().normalize();
    this.documents = documents;
    this.out = out;
  }

  public Report run() throws Exception {
    long start = System.nanoTime();
    say("starting the cluster in " + dir);
    LocalCluster cluster = LocalCluster.start(dir);
    try {
      ClusterFile endpoints = cluster.file();
      List<String> texts = FaultCorpus.documents(documents, 20261201L);
      List<Path> waves = writeWaves(texts);

      WorkbenchConfig faultyConfig = config(endpoints, "faults", createDatabase(endpoints, "faults"));
      WorkbenchConfig cleanConfig = config(endpoints, "clean", createDatabase(endpoints, "clean"));
      List<Recovery> recoveries = new ArrayList<>();
      try (WorkbenchServices faulty = WorkbenchServices.start(faultyConfig, true, true);
          WorkbenchServices clean = WorkbenchServices.start(cleanConfig, true, true)) {
        PipelineRunner runner = new PipelineRunner(faulty, faultyConfig);
        PipelineRunner.Submitted submitted = runner.submit(endpoints.flink());
        String job = submitted.id();
        say("submitted job " + job);
        // As job --flink does: the run record follows the job through its faults.
        CompletableFuture<String> watched = CompletableFuture.supplyAsync(() -> {
          try {
            return runner.watch(submitted);
          } catch (Exception e) {
            throw new CompletionException(e);
          }
        });
        LongSupplier stored = () -> count(faulty, "SELECT count(*) FROM documents");

        int perWave = documents / 3;
        runner.ingest(List.of(waves.get(0)));
        await("wave 1 in the graph", () -> stored.getAsLong() >= perWave);
        say("wave 1: " + stored.getAsLong() + " documents in the graph");

        runner.ingest(List.of(waves.get(1)));
        await("wave 2 under way", () -> stored.getAsLong() >= perWave + 5);
        recoveries.add(killAndRecover(cluster, job, "taskmanager-1", stored));
        cluster.restart("taskmanager-1");
        say("taskmanager-1 started again");
        await("wave 2 in the graph", () -> stored.getAsLong() >= 2L * perWave);

        runner.ingest(List.of(waves.get(2)));
        await("wave 3 under way", () -> stored.getAsLong() >= 2L * perWave + 5);
        recoveries.add(killAndRecover(cluster, job, "broker-1", stored));
        cluster.restart("broker-1");
        say("broker-1 started again");
        await("every document in the graph", () -> stored.getAsLong() >= documents);
        // The topic holds what the last checkpoints committed; the store what the writers wrote.
        long evidence = count(faulty, "SELECT count(*) FROM evidence");
        await("the verdicts topic committed", () -> verdicts(faulty, faultyConfig).size() >= evidence);
        await("the job's offsets committed", () -> TopicDrain.backlog(faulty.kafka(),
            faultyConfig.get(WorkbenchOptions.TOPIC_DOCUMENTS), faultyConfig.get(WorkbenchOptions.JOB_NAME)).unread() == 0);
        cancel(endpoints.flink(), job);
        String outcome = watched.get(60, TimeUnit.SECONDS);

        say("clean run of the same corpus in a local MiniCluster");
        PipelineRunner cleanRunner = new PipelineRunner(clean, cleanConfig);
        cleanRunner.ingest(waves);
        cleanRunner.runBounded();

        List<String> faultyTopic = verdicts(faulty, faultyConfig);
        List<String> cleanTopic = verdicts(clean, cleanConfig);
        Set<String> faultyIds = new HashSet<>(faultyTopic);
        Set<String> cleanIds = new HashSet<>(cleanTopic);
        Set<String> lostIds = new HashSet<>(cleanIds);
        lostIds.removeAll(faultyIds);
        Set<String> faultyStore = strings(faulty, "SELECT id FROM evidence");
        Set<String> cleanStore = strings(clean, "SELECT id FROM evidence");
        lostIds.addAll(difference(cleanStore, faultyStore));
        List<String> differences = new ArrayList<>();
        compare(differences, "documents in the store", count(clean, "SELECT count(*) FROM documents"),
            count(faulty, "SELECT count(*) FROM documents"));
        compare(differences, "evidence ids in the store", cleanStore, faultyStore);
        compare(differences, "evidence ids on the verdicts topic", cleanIds, faultyIds);
        compare(differences, "edges with their belief", edges(clean), edges(faulty));
        compare(differences, "documents done in the run record", documentsDone(clean), documentsDone(faulty));
        compare(differences, "how the run ended", RunRecord.STOPPED, outcome);
        long duplicated = faultyTopic.size() - faultyIds.size();
        return new Report(documents, faultyStore.size(), recoveries.size(), lostIds.size(), duplicated, recoveries,
            differences, (System.nanoTime() - start) / 1e9);
      }
    } finally {
      say("stopping the cluster");
      cluster.stop();
    }
  }

  /** kill -9 of one process while the job reads; how long until a checkpoint started after it completes. */
  private Recovery killAndRecover(LocalCluster cluster, String job, String name, LongSupplier stored) {
    long killedAt = System.currentTimeMillis();
    cluster.kill(name);
    say("killed " + name + " with " + stored.getAsLong() + " documents in the graph");
    await("a checkpoint completed after killing " + name, () -> latestCheckpointTrigger(cluster, job) > killedAt);
    double seconds = (System.currentTimeMillis() - killedAt) / 1000.0;
    boolean restarted = lastFailure(cluster, job) >= killedAt;
    say(String.format(Locale.ROOT, "recovered from the loss of %s in %.1f s (%s)", name, seconds,
        restarted ? "the job restarted from its last checkpoint" : "the job ran on without a restart"));
    return new Recovery(name, seconds, restarted);
  }

  /** When the latest completed checkpoint was triggered (epoch ms), or 0 before any. */
  private static long latestCheckpointTrigger(LocalCluster cluster, String job) {
    JsonNode checkpoints = restJson(cluster, "/jobs/" + job + "/checkpoints");
    return checkpoints == null ? 0 : checkpoints.path("latest").path("completed").path("trigger_timestamp").asLong(0);
  }

  /** When the job last failed over (epoch ms, from its exception history), or 0 if never. */
  private static long lastFailure(LocalCluster cluster, String job) {
    JsonNode exceptions = restJson(cluster, "/jobs/" + job + "/exceptions");
    long last = 0;
    if (exceptions != null) {
      for (JsonNode entry : exceptions.path("exceptionHistory").path("entries")) {
        last = Math.max(last, entry.path("timestamp").asLong(0));
      }
    }
    return last;
  }

  private static JsonNode restJson(LocalCluster cluster, String path) {
    String body = cluster.rest(path);
    try {
      return body == null ? null : new ObjectMapper().readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private List<Path> writeWaves(List<String> texts) throws IOException {
    List<Path> waves = new ArrayList<>();
    int perWave = texts.size() / 3;
    for (int w = 0; w < 3; w++) {
      Path wave = dir.resolve("corpus").resolve("wave-" + (w + 1));
      Files.createDirectories(wave);
      int end = w == 2 ? texts.size() : (w + 1) * perWave;
      for (int i = w * perWave; i < end; i++) {
        Files.writeString(wave.resolve(String.format(Locale.ROOT, "report-%04d.txt", i + 1)), texts.get(i));
      }
      waves.add(wave);
    }
    return waves;
  }

  /** Settings of one run: its topics, job name and database on the cluster; the cue extractor; names unclustered. */
  private WorkbenchConfig config(ClusterFile endpoints, String name, String jdbcUrl) {
    return WorkbenchConfig.load(null, Map.of(), Map.ofEntries(
        Map.entry(WorkbenchOptions.DATA_DIR.key(), dir.resolve("client-" + name).toString()),
        Map.entry(WorkbenchOptions.KAFKA_BOOTSTRAP.key(), endpoints.bootstrap()),
        Map.entry(WorkbenchOptions.JDBC_URL.key(), jdbcUrl),
        Map.entry(WorkbenchOptions.JDBC_USER.key(), endpoints.jdbcUser()),
        Map.entry(WorkbenchOptions.TOPIC_REPLICATION.key(), "3"),
        Map.entry(WorkbenchOptions.TOPIC_DOCUMENTS.key(), name + "-documents"),
        Map.entry(WorkbenchOptions.TOPIC_VERDICTS.key(), name + "-verdicts"),
        Map.entry(WorkbenchOptions.TOPIC_DEAD_LETTER.key(), name + "-dead-letter"),
        Map.entry(WorkbenchOptions.TOPIC_REVIEWS.key(), name + "-reviews"),
        Map.entry(WorkbenchOptions.JOB_NAME.key(), name),
        Map.entry(WorkbenchOptions.JOB_PARALLELISM.key(), "2"),
        Map.entry(WorkbenchOptions.JOB_CHECKPOINT_INTERVAL_MS.key(), "2000"),
        Map.entry(WorkbenchOptions.JOB_CHECKPOINT_DIR.key(), dir.resolve("checkpoints-" + name).toString()),
        Map.entry(WorkbenchOptions.EXTRACTOR.key(), "cue"),
        // Clustering by embedding depends on the order names arrive in; identical names only keeps both runs comparable.
        Map.entry(WorkbenchOptions.VARIABLE_SIMILARITY.key(), "0")));
  }

  private static String createDatabase(ClusterFile endpoints, String name) throws SQLException {
    String admin = endpoints.jdbcUrl().replaceFirst("/[^/?]*$", "/postgres");
    try (Connection c = java.sql.DriverManager.getConnection(admin, endpoints.jdbcUser(), "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    }
    return endpoints.jdbcUrl().replaceFirst("/[^/?]*$", "/" + name);
  }

  /** The evidence ids on the run's verdicts topic, one per record (committed records only). */
  private static List<String> verdicts(WorkbenchServices services, WorkbenchConfig config) {
    Json json = new Json();
    return TopicDrain.readAll(services.kafka(), config.get(WorkbenchOptions.TOPIC_VERDICTS),
        bytes -> json.read(bytes, Verdict.class).evidenceId());
  }

  private static Map<String, String> edges(WorkbenchServices services) {
    Map<String, String> out = new TreeMap<>();
    String sql = "SELECT c.name, f.name, e.belief FROM edges e JOIN variables c ON c.id = e.cause_id"
        + " JOIN variables f ON f.id = e.effect_id";
    try (Connection c = services.database().dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getString(1) + " -> " + rs.getString(2), String.format(Locale.ROOT, "%.9f", rs.getDouble(3)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the edges: " + e.getMessage(), e);
    }
    return out;
  }

  private static long count(WorkbenchServices services, String sql) {
    try (Connection c = services.database().dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count (" + sql + "): " + e.getMessage(), e);
    }
  }

  private static Set<String> strings(WorkbenchServices services, String sql) {
    Set<String> out = new HashSet<>();
    try (Connection c = services.database().dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read (" + sql + "): " + e.getMessage(), e);
    }
    return out;
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.removeAll(b);
    return out;
  }

  /** Documents done as the latest run record of a store says. */
  private static long documentsDone(WorkbenchServices services) {
    return new RunStore(services.database().dataSource()).list(1).get(0).progress().documentsDone();
  }

  private static void compare(List<String> differences, String what, Object clean, Object faulty) {
    if (!clean.equals(faulty)) {
      String detail = clean instanceof Set<?> c && faulty instanceof Set<?> f
          ? c.size() + " in the clean run, " + f.size() + " in the faulty one"
          : clean instanceof Map<?, ?> c2 && faulty instanceof Map<?, ?> f2
              ? c2.size() + " in the clean run, " + f2.size() + " in the faulty one"
              : clean + " in the clean run, " + faulty + " in the faulty one";
      differences.add(what + " differ: " + detail);
    }
  }

  private static void cancel(String flink, String job) {
    try {
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + flink + "/jobs/" + job + "?mode=cancel"))
          .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cancel job " + job + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void await(String what, java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + WAVE_WAIT.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("waited " + WAVE_WAIT.toMinutes() + " min for " + what + "; the cluster's logs"
            + " are in " + dir.resolve("logs"));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  private void say(String line) {
    LOG.info(line);
    if (out != null) {
      out.println("faults: " + line);
    }
  }
}
