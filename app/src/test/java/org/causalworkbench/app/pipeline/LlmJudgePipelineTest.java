package org.causalworkbench.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.causalworkbench.pipeline.local.LocalJob;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.inference.llm.ScriptedOpenAiServer;
import org.causalworkbench.pipeline.functions.VerdictCounter;
import org.causalworkbench.pipeline.functions.JudgeFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job with the llm judge in async I/O, against a scripted OpenAI-compatible server. */
class LlmJudgePipelineTest {

  @TempDir Path dir;

  @Test
  void everyPairGetsAStoredVerdictAnsweredOrWithItsFailure() throws Exception {
    String answered = "The port strike caused shipping delays. Exporters lost orders.";
    String failing = "Quokka sightings rose after the rains. Tourists came in numbers.";
    Files.writeString(dir.resolve("a.txt"), answered);
    Files.writeString(dir.resolve("b.txt"), failing);
    try (ScriptedOpenAiServer llm = new ScriptedOpenAiServer()) {
      llm.script("Quokka", ScriptedOpenAiServer.status(500, null));
      llm.script("<<<TEXT", ScriptedOpenAiServer.ok("<think>\nThe verb states it.\n</think>\n{\"answer\": \"A->B\"}"));
      WorkbenchServices services = SharedServices.embedded();
      WorkbenchConfig config = SharedServices.isolated(services, "llm",
          "extraction.mode", "pairs", "judge.type", "llm", "llm.endpoint", llm.endpoint(), "llm.model", "scripted-r1", "llm.retries", "1",
          "llm.backoff-ms", "10", "llm.concurrency", "8", "extraction.batch.max-pairs", "4",
          "data.dir", dir.resolve("data").toString());
      PipelineRunner runner = new PipelineRunner(services, config);
      runner.ingest(List.of(dir.resolve("a.txt"), dir.resolve("b.txt")));
      LocalJob.Result job = runner.runBounded();

      long judged = job.counter(JudgeFunction.JUDGED_PAIRS);
      assertTrue(judged > 0);
      assertEquals(judged * 120, job.counter(VerdictCounter.TOKENS_IN) + 120 * job.counter(VerdictCounter.FAILURES),
          "answered verdicts carry the server's token counts");

      Map<String, Long> byLabelAndFailure = new TreeMap<>();
      try (Connection c = services.database().dataSource().getConnection();
          PreparedStatement s = c.prepareStatement("SELECT label, coalesce(failure, ''), judge_id, count(*)"
              + " FROM evidence WHERE document_id = ANY (?) GROUP BY 1, 2, 3")) {
        s.setArray(1, c.createArrayOf("text", new Object[] {ContentIds.documentId(answered), ContentIds.documentId(failing)}));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            assertEquals("llm", rs.getString(3));
            byLabelAndFailure.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(4));
          }
        }
      }
      long stored = byLabelAndFailure.values().stream().mapToLong(Long::longValue).sum();
      assertEquals(judged, stored, "every judged pair is stored: " + byLabelAndFailure);
      assertTrue(byLabelAndFailure.getOrDefault("cause_to_effect/", 0L) > 0, byLabelAndFailure.toString());
      assertTrue(byLabelAndFailure.getOrDefault("unknown/http_error", 0L) > 0, byLabelAndFailure.toString());
      assertEquals(2, llm.received("Quokka").size() / Math.max(1, byLabelAndFailure.get("unknown/http_error")),
          "each failing pair was tried twice (one retry)");
    }
  }
}
