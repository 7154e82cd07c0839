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
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.pipeline.functions.GateFunction;
import org.causalworkbench.inference.llm.ScriptedOpenAiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spans mode with the llm extractor in async I/O, against a scripted OpenAI-compatible server: one
 * request per unit the gate passes (never per pair), relations located in the text become edges,
 * and a unit whose request fails is stored with its reason.
 */
class LlmExtractorPipelineTest {

  @TempDir Path dir;

  @Test
  void oneRequestPerGatedUnitAndFailuresAreStoredWithTheirReason() throws Exception {
    String answered = "The port strike caused shipping delays at the northern terminal.";
    String failing = "Quokka sightings rose after the heavy rains on the island.";
    Files.writeString(dir.resolve("a.txt"), answered);
    Files.writeString(dir.resolve("b.txt"), failing);
    try (ScriptedOpenAiServer llm = new ScriptedOpenAiServer()) {
      llm.script("Quokka", ScriptedOpenAiServer.status(500, null));
      llm.script("port strike", ScriptedOpenAiServer.ok("<think>\nThe verb states it.\n</think>\n{\"relations\": ["
          + "{\"cause\": \"The port strike\", \"effect\": \"shipping delays\", \"signal\": \"caused\","
          + " \"polarity\": \"increases\", \"hedged\": false, \"negated\": false},"
          + "{\"cause\": \"a tidal wave\", \"effect\": \"shipping delays\", \"signal\": \"\", \"polarity\": \"unknown\","
          + " \"hedged\": false, \"negated\": false}]}"));
      WorkbenchServices services = SharedServices.embedded();
      WorkbenchConfig config = SharedServices.isolated(services, "llmx",
          "extraction.extractor", "llm", "extraction.gate", "none", "llm.endpoint", llm.endpoint(),
          "llm.model", "scripted-r1", "llm.retries", "1", "llm.backoff-ms", "10", "llm.concurrency", "8",
          "data.dir", dir.resolve("data").toString());
      PipelineRunner runner = new PipelineRunner(services, config);
      runner.ingest(List.of(dir.resolve("a.txt"), dir.resolve("b.txt")));
      LocalJob.Result job = runner.runBounded();

      // Two one-sentence documents: two units, each asked once (the failing one once more, its retry).
      assertEquals(2, job.counter(GateFunction.PASSED));
      assertEquals(1, llm.received("port strike").size(), "one extract prompt for the unit, not one per pair");
      assertEquals(2, llm.received("Quokka").size(), "the failing unit was tried twice (one retry)");

      Map<String, Long> byLabelAndFailure = new TreeMap<>();
      try (Connection c = services.database().dataSource().getConnection();
          PreparedStatement s = c.prepareStatement("SELECT label, coalesce(failure, ''), judge_id, cause_variable,"
              + " effect_variable FROM evidence WHERE document_id = ANY (?)")) {
        s.setArray(1, c.createArrayOf("text", new Object[] {ContentIds.documentId(answered),
            ContentIds.documentId(failing)}));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            assertEquals("llm", rs.getString(3));
            byLabelAndFailure.merge(rs.getString(1) + "/" + rs.getString(2), 1L, Long::sum);
            if (rs.getString(1).equals("cause_to_effect")) {
              assertEquals("port strike", rs.getString(4));
              assertEquals("shipping delay", rs.getString(5));
            }
          }
        }
      }
      assertEquals(Map.of("cause_to_effect/", 1L, "unknown/span_not_found", 1L, "unknown/http_error", 1L),
          byLabelAndFailure, "the located relation, the invented one kept as unknown, the failed unit");
      assertTrue(runner.queries().counts().edges() >= 1);
    }
  }
}
