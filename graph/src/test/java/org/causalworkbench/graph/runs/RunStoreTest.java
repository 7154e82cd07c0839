package org.causalworkbench.graph.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.ProcessedDocument;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.graph.embedded.EmbeddedPostgres;
import org.causalworkbench.graph.score.JudgeRates;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.score.JudgePrior;
import org.causalworkbench.graph.store.Database;
import org.causalworkbench.graph.store.PostgresGraphWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

  @TempDir static Path dir;
  static EmbeddedPostgres postgres;
  static Database database;
  static RunStore runs;

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgres.start(dir.resolve("pg"));
    database = Database.open(postgres.jdbcUrl(), postgres.user(), "", 2);
    runs = new RunStore(database.dataSource());
  }

  @AfterAll
  static void stop() {
    database.close();
    postgres.close();
  }

  @Test
  void aRunIsRecordedFromStartToEndWithItsSettingsHash() throws Exception {
    Map<String, String> settings = Map.of("extraction.extractor", "cue", "llm.model", "m1");
    RunRecord run = runs.start("demo", "0.1.0 (abc)", settings, true);
    // The hash, computed here on its own: SHA-256 of the sorted key=value lines.
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest("extraction.extractor=cue\nllm.model=m1\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, run.configHash());
    assertEquals(expected, runs.start("job", "0.1.0 (abc)", settings, true).configHash(), "same settings, same hash");
    assertNotEquals(expected, runs.start("job", "0.1.0 (abc)", Map.of("extraction.extractor", "tagger",
        "llm.model", "m1"), true).configHash());

    runs.resumedFrom(run.id(), "file:///ck/chk-3");
    runs.progress(run.id(), new RunRecord.Progress(7, 5, 9, 40, "job: 5/9 documents", Instant.now()));
    RunRecord midway = runs.find(run.id()).orElseThrow();
    assertEquals(RunRecord.RUNNING, midway.outcome());
    assertEquals(5, midway.progress().documentsDone());
    assertEquals(9, midway.progress().documentsTotal());
    assertEquals("job: 5/9 documents", midway.progress().line());
    assertEquals("file:///ck/chk-3", midway.resumedFrom());
    assertNull(midway.endedAt());

    runs.finish(run.id(), RunRecord.FINISHED, null);
    RunRecord done = runs.find(run.id()).orElseThrow();
    assertEquals(RunRecord.FINISHED, done.outcome());
    assertNotNull(done.endedAt());
    assertEquals(settings, done.settings());
    assertEquals("0.1.0 (abc)", done.codeVersion());
  }

  @Test
  void runsLeftOpenByAGoneProcessAreClosedAsKilledButClusterRunsAreNot() {
    RunRecord local = runs.start("job", "v", Map.of(), true);
    RunRecord submitted = runs.start("flink job", "v", Map.of(), false);
    runs.closeAbandoned(pid -> false); // every local process gone
    assertEquals(RunRecord.KILLED, runs.find(local.id()).orElseThrow().outcome());
    assertEquals(RunRecord.RUNNING, runs.find(submitted.id()).orElseThrow().outcome());
    RunRecord alive = runs.start("job", "v", Map.of(), true);
    runs.closeAbandoned(pid -> pid == ProcessHandle.current().pid());
    assertEquals(RunRecord.RUNNING, runs.find(alive.id()).orElseThrow().outcome());
    assertEquals(alive.id(), runs.list(1).get(0).id(), "newest first");
  }

  @Test
  void theWriterCountsEachRunsNewEvidenceByProducer() throws Exception {
    PostgresGraphWriter writer = new PostgresGraphWriter(database.dataSource(),
        new EdgeScorer(new JudgeRates(Map.of(), new JudgePrior(0.1, 0.4)), 0.5));
    String text = "Drought causes famine and famine causes migration.";
    Document d = new Document(ContentIds.documentId(text), "t.txt", "", text, Map.of());
    writer.writeDocuments(List.of(new ProcessedDocument(d,
        List.of(new Sentence(d.id(), 0, 0, text.length(), text, List.of(), List.of())), 1, 1, 1000)));
    RunRecord first = runs.start("demo", "v", Map.of(), true);
    List<Verdict> verdicts = List.of(
        verdict(d.id(), "drought", "famine", "cue", "1").withRun(first.id()),
        verdict(d.id(), "famine", "migration", "cue", "1").withRun(first.id()),
        verdict(d.id(), "drought", "famine", "tagger", "t9").withRun(first.id()));
    writer.writeVerdicts(verdicts);
    RunRecord second = runs.start("demo", "v", Map.of(), true);
    // A replay in a later run: the same evidence, already stored, is no new work of the second run.
    writer.writeVerdicts(verdicts.stream().map(v -> v.withRun(second.id())).toList());

    assertEquals(List.of(new RunRecord.Producer("cue", "1", 2), new RunRecord.Producer("tagger", "t9", 1)),
        runs.find(first.id()).orElseThrow().producers());
    assertEquals(List.of(), runs.find(second.id()).orElseThrow().producers());
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT DISTINCT run_id FROM evidence WHERE document_id = ?")) {
      s.setString(1, d.id());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        assertEquals(first.id(), rs.getString(1), "each evidence row names the run that produced it");
      }
    }
  }

  private static Verdict verdict(String docId, String cause, String effect, String judge, String version) {
    Span c = new Span(0, cause.length(), cause);
    Span e = new Span(cause.length() + 8, cause.length() + 8 + effect.length(), effect);
    return new Verdict(ContentIds.evidenceId(docId, c, e, judge, version), docId + "/s0#" + cause, docId,
        docId + "/s0", List.of(0), CausalLabel.CAUSE_TO_EFFECT, 0.9, judge, version, c, e, cause, effect, "test",
        Set.of());
  }
}
