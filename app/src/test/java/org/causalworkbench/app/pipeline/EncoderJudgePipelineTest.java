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
import org.causalworkbench.graph.store.Database;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.pipeline.functions.CandidatesFunction;
import org.causalworkbench.inference.llm.ScriptedOpenAiServer;
import org.causalworkbench.pipeline.functions.JudgeFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job with the shipped encoder judge, and with the cascade in front of a scripted llm. */
class EncoderJudgePipelineTest {

  @TempDir Path dir;

  @Test
  void theShippedEncoderJudgesEveryCandidatePairOfTheSampleCorpus() throws Exception {
    WorkbenchServices services = SharedServices.embedded();
    // A database of its own: other tests judge the same sample documents with cue.
    WorkbenchConfig config = SharedServices.isolated(services, "encoder", "extraction.mode", "pairs", "judge.type", "encoder",
        "data.dir", dir.resolve("data").toString(), "jdbc.url", SharedServices.isolatedDatabase(services, "encoder"));
    PipelineRunner runner = new PipelineRunner(services, config);
    runner.ingest(List.of(Path.of("..", "corpus", "sample")));
    LocalJob.Result job = runner.runBounded();

    long pairs = job.counter(CandidatesFunction.PAIRS);
    assertTrue(pairs > 1000, "the sample corpus makes thousands of candidate pairs: " + pairs);
    assertEquals(pairs, job.counter(JudgeFunction.JUDGED_PAIRS), "every candidate pair was judged");
    Map<String, Long> byLabel = new TreeMap<>();
    try (Database own = Database.open(config.get(WorkbenchOptions.JDBC_URL), config.get(WorkbenchOptions.JDBC_USER),
            config.get(WorkbenchOptions.JDBC_PASSWORD), 2);
        Connection c = own.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT label, judge_id, count(*) FROM evidence GROUP BY 1, 2")) {
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          assertEquals("encoder", rs.getString(2));
          byLabel.merge(rs.getString(1), rs.getLong(3), Long::sum);
        }
      }
    }
    assertEquals(pairs, byLabel.values().stream().mapToLong(Long::longValue).sum(), "one stored verdict per pair");
    assertTrue(byLabel.getOrDefault("cause_to_effect", 0L) + byLabel.getOrDefault("effect_to_cause", 0L) > 0,
        "the encoder found causal pairs: " + byLabel);
    assertTrue(byLabel.getOrDefault("none", 0L) > byLabel.getOrDefault("cause_to_effect", 0L),
        "most candidate pairs are unrelated: " + byLabel);
  }

  @Test
  void theCascadeAsksTheLlmOnlyAboutTheEncodersUncertainBand() throws Exception {
    // Every sentence names Kelvedon, so every prompt has a scripted answer.
    String first = "Floods at Kelvedon closed the mill. The Kelvedon miller moved to the coast.";
    String second = "Frost at Kelvedon damaged the orchards, and cider prices rose. The Kelvedon fair went ahead.";
    Files.writeString(dir.resolve("a.txt"), first);
    Files.writeString(dir.resolve("b.txt"), second);
    try (ScriptedOpenAiServer llm = new ScriptedOpenAiServer()) {
      llm.script("Kelvedon", ScriptedOpenAiServer.ok("<think>\nThe verb states it.\n</think>\n{\"answer\": \"A->B\"}"));
      WorkbenchServices services = SharedServices.embedded();
      WorkbenchConfig config = SharedServices.isolated(services, "cascade",
          "extraction.mode", "pairs", "judge.type", "cascade", "cascade.low", "0.05", "cascade.high", "0.6",
          "llm.endpoint", llm.endpoint(), "llm.model", "scripted-r1", "llm.retries", "0", "llm.cache", "false",
          "data.dir", dir.resolve("data").toString());
      PipelineRunner runner = new PipelineRunner(services, config);
      runner.ingest(List.of(dir.resolve("a.txt"), dir.resolve("b.txt")));
      LocalJob.Result job = runner.runBounded();

      long pairs = job.counter(CandidatesFunction.PAIRS);
      Map<String, Long> byJudge = new TreeMap<>();
      long encoderInBand = 0;
      try (Connection c = services.database().dataSource().getConnection();
          PreparedStatement s = c.prepareStatement("SELECT judge_id, probability, explanation FROM evidence"
              + " WHERE document_id = ANY (?)")) {
        s.setArray(1, c.createArrayOf("text", new Object[] {ContentIds.documentId(first),
            ContentIds.documentId(second)}));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            byJudge.merge(rs.getString(1), 1L, Long::sum);
            double p = rs.getDouble(2);
            assertTrue(!rs.getString(3).contains("the llm gave no answer"), rs.getString(3));
            if (rs.getString(1).equals("encoder") && p >= 0.05 && p < 0.6) {
              encoderInBand++;
            }
          }
        }
      }
      assertEquals(pairs, byJudge.values().stream().mapToLong(Long::longValue).sum(), "one verdict per pair: " + byJudge);
      assertEquals(0, encoderInBand, "the encoder decided no pair inside the band");
      assertEquals((long) llm.received("Kelvedon").size(), byJudge.getOrDefault("llm", 0L),
          "each llm verdict is one request, and only those pairs were sent: " + byJudge);
      assertTrue(byJudge.getOrDefault("llm", 0L) > 0 && byJudge.getOrDefault("encoder", 0L) > 0,
          "with this band both judges decide some pairs: " + byJudge);
    }
  }
}
