package org.causalworkbench.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.causalworkbench.pipeline.local.LocalJob;
import org.causalworkbench.app.runtime.DocumentForgetter;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.app.summary.RunSummary;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.pipeline.functions.DecodeDocumentFunction;
import org.causalworkbench.graph.review.ReviewService;
import org.causalworkbench.graph.score.EdgeScorers;
import org.causalworkbench.ingest.kafka.TopicDrain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deletion request: the forgotten document, its evidence, the edges only it supported and the
 * names only it gave leave the store; its records leave the topics by tombstone; what it shared
 * with other documents stays, re-scored; the log says who asked, without the text.
 */
class ForgetDocumentTest {

  @TempDir Path dir;

  @Test
  void aForgottenDocumentLeavesNothingOfItsOwnBehind() throws Exception {
    WorkbenchServices services = SharedServices.embedded();
    // Short sentences only: the forgotten document's long one is dead-lettered, quoting it.
    WorkbenchConfig config = SharedServices.isolated(services, "forget", "extraction.max-sentence-tokens", "30");
    PipelineRunner runner = new PipelineRunner(services, config);
    // Written for this test: the glacier text shares one relation with the kept one, the other is its own.
    String forgotten = "Rapid glacier melt caused severe flooding in the upper valley. Heavy snowfall led to the"
        + " closure of the Keswater mill road. The survey team listed every field, fence, gate, ditch, culvert, hedge,"
        + " track, stile, barn, shed, pond, spring, well, ford and footbridge along the river from the old weir to the"
        + " county boundary stone.";
    String kept = "Rapid glacier melt caused severe flooding in the upper valley, the survey found.";
    Files.writeString(dir.resolve("a.txt"), forgotten);
    Files.writeString(dir.resolve("b.txt"), kept);
    runner.ingest(List.of(dir));
    runner.runBounded();
    String gone = ContentIds.documentId(forgotten);
    String stays = ContentIds.documentId(kept);

    List<String> goneEvidence;
    Set<Long> goneEdgesAlone = new HashSet<>();
    Set<Long> sharedEdges = new HashSet<>();
    try (Connection c = services.database().dataSource().getConnection()) {
      goneEvidence = strings(c, "SELECT id FROM evidence WHERE document_id = ?", gone);
      assertFalse(goneEvidence.isEmpty(), "the document gave no evidence; the test proves nothing");
      for (String edge : strings(c, "SELECT DISTINCT edge_id::text FROM evidence WHERE document_id = ?"
          + " AND edge_id IS NOT NULL", gone)) {
        boolean shared = !strings(c, "SELECT id FROM evidence WHERE edge_id = " + edge + " AND document_id <> ?",
            gone).isEmpty();
        (shared ? sharedEdges : goneEdgesAlone).add(Long.parseLong(edge));
      }
    }
    assertFalse(goneEdgesAlone.isEmpty(), "no edge of the forgotten document's own");

    Json json = new Json();
    java.util.function.Supplier<Set<String>> deadLettersOfGone = () -> TopicDrain.keysWhere(services.kafka(),
        config.get(WorkbenchOptions.TOPIC_DEAD_LETTER), bytes -> json.read(bytes, DeadLetter.class),
        d -> d.inputId().startsWith(gone));
    assertEquals(1, deadLettersOfGone.get().size(), "the long sentence was not dead-lettered; the test proves less");

    DocumentForgetter.Outcome outcome;
    try (ReviewService reviews = new ReviewService(services.database().dataSource(), EdgeScorers.fromConfig(config))) {
      outcome = new DocumentForgetter(services, config).forgetAll(reviews, List.of(gone), "dpo", "request 7");
    }
    ReviewService.Forgotten result = outcome.store();
    assertEquals(1, outcome.deadLetters());
    assertEquals(Set.of(), deadLettersOfGone.get(), "a dead letter quoting the document stays on the topic");
    assertEquals(List.of(gone), result.documents());
    assertEquals(Set.copyOf(goneEvidence), Set.copyOf(result.evidenceIds()));

    try (Connection c = services.database().dataSource().getConnection()) {
      assertEquals(List.of(), strings(c, "SELECT id FROM documents WHERE id = ?", gone));
      assertEquals(List.of(), strings(c, "SELECT document_id FROM sentences WHERE document_id = ?", gone));
      assertEquals(List.of(), strings(c, "SELECT id FROM evidence WHERE document_id = ?", gone));
      for (long edge : goneEdgesAlone) {
        assertEquals(List.of(), strings(c, "SELECT id::text FROM edges WHERE id = " + edge + " AND ? <> ''", "x"));
        // The scorer's aggregates go with their edge (a trigger, not a foreign key, since V17).
        assertEquals(List.of("0"), strings(c, "SELECT ((SELECT count(*) FROM edge_documents WHERE edge_id = " + edge
            + ") + (SELECT count(*) FROM edge_judges WHERE edge_id = " + edge + "))::text WHERE ? <> ''", "x"));
      }
      assertFalse(sharedEdges.isEmpty(), "no edge shared with the kept document; the test proves less");
      for (long edge : sharedEdges) {
        List<String> left = strings(c, "SELECT count(*)::text FROM evidence WHERE edge_id = " + edge + " AND ? <> ''",
            "x");
        assertEquals(left, strings(c, "SELECT evidence_count::text FROM edges WHERE id = " + edge + " AND ? <> ''",
            "x"), "a shared edge stays, re-scored on the evidence left");
      }
      assertFalse(strings(c, "SELECT id FROM documents WHERE id = ?", stays).isEmpty());
      assertTrue(strings(c, "SELECT name FROM surface_forms WHERE name LIKE ?", "%mill road%").isEmpty(),
          "a name only the forgotten document gave is gone");
      List<String> log = strings(c, "SELECT reviewer || ' ' || action || ' ' || before::text FROM review_log"
          + " WHERE target = 'document' AND target_id = ?", gone);
      assertEquals(1, log.size());
      assertTrue(log.get(0).startsWith("dpo forget"), log.get(0));
      assertFalse(log.get(0).contains("glacier"), "the log keeps who and which, not the text");
    }

    assertFalse(TopicDrain.keys(services.kafka(), config.get(WorkbenchOptions.TOPIC_DOCUMENTS)).contains(gone));
    Set<String> verdictKeys = TopicDrain.keys(services.kafka(), config.get(WorkbenchOptions.TOPIC_VERDICTS));
    assertTrue(result.evidenceIds().stream().noneMatch(verdictKeys::contains));
    assertEquals(new RunSummary.Held(1, 1, 0, 0), runner.held());

    LocalJob.Result again = runner.runBounded();
    assertEquals(0, again.counter(DecodeDocumentFunction.RECEIVED), "a tombstone is no document to read");
  }

  private static List<String> strings(Connection c, String sql, String arg) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      try (ResultSet rs = s.executeQuery()) {
        List<String> out = new java.util.ArrayList<>();
        while (rs.next()) {
          out.add(rs.getString(1));
        }
        return out;
      }
    }
  }
}
