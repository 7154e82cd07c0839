package org.causalworkbench.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.ingest.kafka.TopicDrain;
import org.junit.jupiter.api.Test;

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

    Json json = new Json();
    List<Verdict> verdicts = TopicDrain.readAll(services.bootstrap(), config.get(WorkbenchOptions.TOPIC_VERDICTS),
        bytes -> json.read(bytes, Verdict.class));
    Set<String> ids = new HashSet<>();
    Set<String> documents = new HashSet<>();
    for (Verdict v : verdicts) {
      ids.add(v.evidenceId());
      documents.add(v.documentId());
    }
    assertEquals(verdicts.size(), ids.size(), "a verdict was committed twice");
    assertEquals(44, documents.size(), "verdicts of some documents were lost");

    try (Connection c = services.database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM evidence WHERE document_id = ANY (?)")) {
      s.setArray(1, c.createArrayOf("text", documents.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        assertEquals(ids.size(), rs.getLong(1), "the store and the verdicts topic disagree");
      }
    }
  }
}
