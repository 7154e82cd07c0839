package org.causalworkbench.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.causalworkbench.graph.runs.RunRecord;
import org.causalworkbench.graph.runs.RunStore;
import org.causalworkbench.pipeline.local.LocalJob;
import org.causalworkbench.pipeline.functions.DecodeDocumentFunction;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.ingest.kafka.TopicDrain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A job that fails mid-run restarts from its checkpoint: no verdict twice, none lost. */
class RestartFromCheckpointTest {

  @Test
  void aFailureMidRunLeavesNoDuplicateAndLosesNothing() throws Exception {
    WorkbenchServices services = SharedServices.embedded();
    WorkbenchConfig config = SharedServices.isolated(services, "restart",
        "extraction.mode", "pairs", "judge.type", "flaky-cue", "job.checkpoint-interval-ms", "300", "extraction.batch.max-pairs", "16");
    PipelineRunner runner = new PipelineRunner(services, config);
    runner.ingest(List.of(PipelineScenarios.CORPUS));
    runner.runBounded();
    assertTrue(FlakyJudgeProvider.FAILED.get(), "the injected failure did not happen; the test proves nothing");

    try (Connection store = services.database().dataSource().getConnection()) {
      assertEachVerdictOnce(services, config, store);
    }
  }

  @TempDir Path checkpoints;

  /**
   * A streaming run that dies for good (as a killed process leaves it) resumes in the next run from
   * its latest completed checkpoint on disk: the documents that checkpoint covered are not read
   * again, and the topic and the store still hold every verdict once.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aStreamingRunThatDiedResumesFromItsCheckpointsOnDisk() throws Exception {
    WorkbenchServices services = SharedServices.embedded();
    WorkbenchConfig config = dyingRunConfig(services, "resume");
    dieLeavingCheckpoints(services, config, false);
    // Only the checkpoint may know where the dead run got to: whatever offsets its consumer group
    // committed go, so a run that did not restore the checkpoint would read all 44 again.
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", services.kafka().bootstrap()))) {
      admin.deleteConsumerGroups(List.of(config.get(WorkbenchOptions.JOB_NAME))).all().get();
    } catch (ExecutionException e) {
      assertTrue(e.getCause() instanceof GroupIdNotFoundException, e.toString()); // nothing committed: as good
    }

    LocalJob.Running resumed = LocalJob.start(config, "test-run", false);
    long received;
    try {
      long deadline = System.currentTimeMillis() + 180_000;
      while (documentsInStore(config) < 44 && System.currentTimeMillis() < deadline) {
        Thread.sleep(500);
      }
      Thread.sleep(2500); // a few checkpoints more (the last transactions commit) and a heartbeat (the counters)
      received = resumed.progress().counter(DecodeDocumentFunction.RECEIVED);
    } finally {
      resumed.cancel();
    }
    assertTrue(received > 0 && received < 44, "the second run read " + received + " of 44 documents: it should have"
        + " resumed after those the checkpoint covered");

    try (Connection store = connect(config)) {
      assertEachVerdictOnce(services, config, store);
    }
  }

  /**
   * A bounded run (demo, job --bounded) that died resumes too: the next bounded run restores the
   * dead run's checkpoint, reads only what that checkpoint did not cover, and ends (a restored
   * bounded Kafka source alone would wait forever, FLINK-31006).
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aBoundedRunThatDiedResumesAndStillEnds() throws Exception {
    WorkbenchServices services = SharedServices.embedded();
    WorkbenchConfig config = dyingRunConfig(services, "resumebounded");
    PipelineRunner runner = new PipelineRunner(services, config);
    dieLeavingCheckpoints(services, config, true);
    runner.ingest(List.of(PipelineScenarios.CORPUS)); // 44 more records, after where the dead run's source stops

    LocalJob.Result result = runner.runBounded(); // ends: the restored job is not held open by its source
    RunRecord run = new RunStore(services.database().dataSource()).find(result.runId()).orElseThrow();
    assertTrue(run.resumedFrom() != null, "the bounded run did not restore the dead run's checkpoint");
    long received = result.counter(DecodeDocumentFunction.RECEIVED);
    assertTrue(received > 0 && received < 44, "the second run read " + received + " of 44 documents: it should have"
        + " read on after those the dead run's checkpoint covered");
    long total = run.progress().documentsTotal();
    assertTrue(total >= received && total <= 44, "the resumed run's progress counted " + total + " documents to read;"
        + " it read " + received + ", and its source stops where the dead run's did, at the first 44");
    try (Connection store = connect(config)) {
      assertEachVerdictOnce(services, config, store);
    }
  }

  /** The sample corpus on topics and a database of this test's own, judged by the dying cue judge. */
  private WorkbenchConfig dyingRunConfig(WorkbenchServices services, String prefix) {
    return SharedServices.isolated(services, prefix,
        "extraction.mode", "pairs", "judge.type", "dying-cue", "job.checkpoint-interval-ms", "300",
        "extraction.batch.max-pairs", "16", "job.checkpoint-dir", checkpoints.toString(),
        "jdbc.url", SharedServices.isolatedDatabase(services, prefix)); // this run's graph alone
  }

  /** Ingests the corpus and runs the job until its judge dies for good, leaving completed checkpoints on disk. */
  private void dieLeavingCheckpoints(WorkbenchServices services, WorkbenchConfig config, boolean bounded)
      throws Exception {
    new PipelineRunner(services, config).ingest(List.of(PipelineScenarios.CORPUS));
    DyingJudgeProvider.BATCHES.set(0);
    DyingJudgeProvider.CHECKPOINTS = checkpoints;
    DyingJudgeProvider.DYING.set(true);
    try {
      // Through the runner, as demo and job run it: a bounded run notes where its source stops.
      PipelineRunner runner = new PipelineRunner(services, config);
      if (bounded) {
        assertThrows(Exception.class, runner::runBounded, "the first run was to die");
      } else {
        LocalJob.Running dying = LocalJob.start(config, "dying-run", false);
        assertThrows(Exception.class, dying::await, "the first run was to die");
      }
    } finally {
      DyingJudgeProvider.DYING.set(false);
    }
    assertTrue(completedCheckpoints() > 0, "the dead run left no completed checkpoint; the test proves nothing");
  }

  /** The verdicts topic holds each verdict once, for all 44 documents, and the store as many evidence rows. */
  private static void assertEachVerdictOnce(WorkbenchServices services, WorkbenchConfig config, Connection store)
      throws Exception {
    Json json = new Json();
    List<Verdict> verdicts = TopicDrain.readAll(services.kafka(), config.get(WorkbenchOptions.TOPIC_VERDICTS),
        bytes -> json.read(bytes, Verdict.class));
    Set<String> ids = new HashSet<>();
    Set<String> documents = new HashSet<>();
    for (Verdict v : verdicts) {
      ids.add(v.evidenceId());
      documents.add(v.documentId());
    }
    assertEquals(verdicts.size(), ids.size(), "a verdict was committed twice");
    assertEquals(44, documents.size(), "verdicts of some documents were lost");
    try (PreparedStatement s = store.prepareStatement("SELECT count(*) FROM evidence WHERE document_id = ANY (?)")) {
      s.setArray(1, store.createArrayOf("text", documents.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        assertEquals(ids.size(), rs.getLong(1), "the store and the verdicts topic disagree");
      }
    }
  }

  private static Connection connect(WorkbenchConfig config) throws Exception {
    return java.sql.DriverManager.getConnection(config.get(WorkbenchOptions.JDBC_URL),
        config.get(WorkbenchOptions.JDBC_USER), config.get(WorkbenchOptions.JDBC_PASSWORD));
  }

  private static long documentsInStore(WorkbenchConfig config) throws Exception {
    try (Connection c = connect(config);
        ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM documents")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long completedCheckpoints() throws IOException {
    try (Stream<Path> files = Files.walk(checkpoints)) {
      return files.filter(p -> p.getFileName().toString().equals("_metadata")).count();
    }
  }
}
