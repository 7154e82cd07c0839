package org.causalworkbench.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.causalworkbench.pipeline.local.LocalJob;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.graph.runs.RunRecord;
import org.causalworkbench.graph.runs.RunStore;
import org.causalworkbench.app.summary.RunSummary;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.pipeline.functions.CandidatesFunction;
import org.causalworkbench.pipeline.functions.DecodeDocumentFunction;
import org.causalworkbench.pipeline.functions.ExtractFunction;
import org.causalworkbench.pipeline.functions.GateFunction;
import org.causalworkbench.graph.query.EdgeView;
import org.causalworkbench.graph.testing.TableDump;
import org.causalworkbench.ingest.kafka.TopicDrain;
import org.causalworkbench.ingest.read.IngestReport;
import org.junit.jupiter.api.Test;

/**
 * The sample corpus through the real broker, Flink MiniCluster and PostgreSQL with the default
 * extraction (gate and span tagger), then a replay. Subclasses choose the services: embedded, or
 * containers where Docker runs.
 */
abstract class PipelineScenarios {

  static final Path CORPUS = Path.of("..", "corpus", "sample");
  static final Path GOLD = Path.of("..", "corpus", "gold", "sample-edges.csv");
  static final Path NON_EDGES = Path.of("..", "corpus", "gold", "sample-non-edges.csv");

  /** What the shipped extractor reaches on the sample gold, less a margin (README: Measured). */
  static final double MIN_GOLD_PRECISION = 0.7;
  static final double MIN_GOLD_RECALL = 0.6;

  abstract WorkbenchServices services();

  @Test
  void sampleCorpusBecomesAGraphWithGoldEdgesAndAReplayChangesNoTable() throws Exception {
    WorkbenchServices services = services();
    WorkbenchConfig config = SharedServices.isolated(services, "e2e");
    PipelineRunner runner = new PipelineRunner(services, config);

    java.time.Instant started = java.time.Instant.now();
    IngestReport ingest = runner.ingest(List.of(CORPUS));
    assertEquals(44, ingest.documents());
    assertEquals(0, ingest.deadLettered());
    LocalJob.Result job = runner.runBounded();
    assertEquals(44, job.counter(DecodeDocumentFunction.RECEIVED));
    assertEquals(44, job.counter(CandidatesFunction.PROCESSED));
    RunSummary summary = runner.summary(ingest, job, started, GOLD, NON_EDGES);
    assertTrue(summary.accounting().balanced(), summary.accounting().toString());
    assertTrue(summary.documents() >= 44, "the store holds the sample corpus (and what other tests wrote)");

    // The gate read fewer units than there are, and the extractor's relations named their variables.
    assertTrue(job.counter(GateFunction.PASSED) > 0 && job.counter(GateFunction.PASSED) < job.counter(GateFunction.UNITS),
        "the gate passes some units, not all");
    assertTrue(job.counter(ExtractFunction.RELATIONS) > 0);

    // Scored against the hand-written gold edges and non-edges of the sample corpus.
    assertTrue(summary.gold().precision() >= MIN_GOLD_PRECISION, summary.gold().toString());
    assertTrue(summary.gold().recall() >= MIN_GOLD_RECALL, summary.gold().toString());
    assertTrue(summary.gold().recallByKind().get("reversed") > 0, summary.gold().toString());
    assertEquals(0, summary.gold().nonEdgesProduced(), "hedged, negated or correlational statements became edges");

    // No generic head alone became a variable.
    Set<String> generic = Set.of("risk", "level", "factor", "effect", "study", "influence", "change");
    for (EdgeView e : runner.queries().edges(0, 10_000)) {
      assertFalse(generic.contains(e.cause()) || generic.contains(e.effect()), e.toString());
    }

    // Exactly once: the verdicts topic holds each evidence row once.
    Json json = new Json();
    List<Verdict> verdicts = TopicDrain.readAll(services.kafka(), config.get(WorkbenchOptions.TOPIC_VERDICTS),
        bytes -> json.read(bytes, Verdict.class));
    Set<String> ids = new HashSet<>();
    verdicts.forEach(v -> ids.add(v.evidenceId()));
    assertEquals(verdicts.size(), ids.size(), "duplicate verdicts in one run");
    assertTrue(verdicts.stream().anyMatch(v -> v.signal() != null), "relations carry their signal");

    // The run is on record: how it ended, what it read, what produced its verdicts, and each verdict names it.
    RunStore runs = new RunStore(services.database().dataSource());
    RunRecord run = runs.find(job.runId()).orElseThrow();
    assertEquals(RunRecord.FINISHED, run.outcome());
    assertEquals(ingest.documents(), run.progress().documentsDone());
    assertEquals(config.get(WorkbenchOptions.EXTRACTOR), run.settings().get(WorkbenchOptions.EXTRACTOR.key()));
    assertTrue(verdicts.stream().allMatch(v -> run.id().equals(v.runId())), "a verdict without its run");
    assertEquals(evidenceOfRun(services, run.id()), run.producers().stream().mapToLong(RunRecord.Producer::evidence).sum());
    assertTrue(run.producers().stream().anyMatch(p -> p.id().equals("tagger") && p.version().matches(".*-[0-9a-f]{8}@.*")),
        "the tagger's version carries its weights' digest: " + run.producers());

    // Replay: the same corpus again, read by a new job from the start of the topic.
    String before = dump(services);
    runner.ingest(List.of(CORPUS));
    WorkbenchConfig replay = config.with(WorkbenchOptions.JOB_NAME, config.get(WorkbenchOptions.JOB_NAME) + "-replay");
    LocalJob.Result again = new PipelineRunner(services, replay).runBounded();
    assertEquals(88, again.counter(DecodeDocumentFunction.RECEIVED), "the replay reads both copies");
    assertEquals(before, dump(services), "a replay changed a table");
    RunRecord replayRun = runs.find(again.runId()).orElseThrow();
    assertEquals(88, replayRun.progress().documentsDone());
    assertEquals(0, evidenceOfRun(services, replayRun.id()), "the replay produced no evidence of its own");
    assertEquals(run.configHash(), replayRun.configHash(), "configured alike, hashed alike");
  }

  private static long evidenceOfRun(WorkbenchServices services, String runId) throws SQLException {
    try (java.sql.Connection c = services.database().dataSource().getConnection();
        java.sql.PreparedStatement s = c.prepareStatement("SELECT count(*) FROM evidence WHERE run_id = ?")) {
      s.setString(1, runId);
      try (java.sql.ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static String dump(WorkbenchServices services) throws SQLException {
    return TableDump.of(services.database().dataSource());
  }

}
