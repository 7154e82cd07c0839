package org.causalworkbench.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.causalworkbench.app.pipeline.SharedServices;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.ProcessedDocument;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.graph.export.TrainingExport;
import org.causalworkbench.graph.review.RejectReason;
import org.causalworkbench.graph.review.ReviewService;
import org.causalworkbench.graph.score.EdgeScorers;
import org.causalworkbench.graph.store.PostgresGraphWriter;
import org.causalworkbench.inference.tagger.SpanExample;
import org.causalworkbench.inference.tagger.SpanFiles;
import org.causalworkbench.ingest.read.CsvTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Analysts' decisions outlive a reprocessing (a new model version writes the same sentences and
 * spans again) and become training data the span tagger's own reader takes.
 */
class ReviewsThatLastTest {

  @TempDir Path dir;

  private static final String TEXT = "Late frost damaged the apple blossom. Growers said poor pollination may follow."
      + " The drought lowered the river.";

  @Test
  void decisionsSurviveReprocessingAndExportAsTrainingData() throws Exception {
    WorkbenchServices shared = SharedServices.embedded();
    WorkbenchConfig config = SharedServices.isolated(shared, "reviews-last", "data.dir", dir.resolve("d").toString(),
        "jdbc.url", SharedServices.isolatedDatabase(shared, "reviewslast"));
    try (WorkbenchServices services = WorkbenchServices.start(config, false, true)) {
      var data = services.database().dataSource();
      PostgresGraphWriter writer = new PostgresGraphWriter(data, EdgeScorers.fromConfig(config));
      Document doc = new Document(ContentIds.documentId(TEXT), "notes.txt", "", TEXT, Map.of());
      int s2 = TEXT.indexOf("Growers");
      int s3 = TEXT.indexOf("The drought");
      writer.writeDocuments(List.of(new ProcessedDocument(doc, List.of(
          new Sentence(doc.id(), 0, 0, s2 - 1, TEXT.substring(0, s2 - 1), List.of(), List.of()),
          new Sentence(doc.id(), 1, s2, s3 - 1, TEXT.substring(s2, s3 - 1), List.of(), List.of()),
          new Sentence(doc.id(), 2, s3, TEXT.length(), TEXT.substring(s3), List.of(), List.of())), 3, 3, 1)));

      List<Verdict> first = List.of(verdict(doc, 0, "Late frost", "the apple blossom", "damaged", "1"),
          verdict(doc, 1, "poor pollination", "Growers", null, "1"),
          verdict(doc, 2, "The drought", "the river", "lowered", "1"));
      writer.writeVerdicts(first);
      try (ReviewService reviews = new ReviewService(data, EdgeScorers.fromConfig(config))) {
        reviews.reviewEvidence(first.get(0).evidenceId(), ReviewService.EvidenceDecision.ACCEPT, "ana", null);
        reviews.reviewEvidence(first.get(1).evidenceId(), ReviewService.EvidenceDecision.REJECT,
            RejectReason.NOT_CAUSAL, "ana", "growers are not caused by pollination");
        reviews.reviewEvidence(first.get(2).evidenceId(), ReviewService.EvidenceDecision.REJECT,
            RejectReason.WRONG_VARIABLE, "ana", "the river level, not the river");
        reviews.recalibration().awaitIdle(java.time.Duration.ofSeconds(30));
      }
      Map<String, Integer> reviewedBefore = judgeCounts(data);

      // The corpus processed again with a new model version: same sentences and spans, new evidence ids.
      List<Verdict> again = first.stream().map(v -> verdict(doc, v.sentences().get(0), v.cause().text(),
          v.effect().text(), v.signal() == null ? null : v.signal().text(), "2")).toList();
      writer.writeVerdicts(again);
      assertEquals(List.of("accepted", "rejected", "rejected"), again.stream().map(v -> review(data, v)).toList(),
          "each new row took its sentence's review");
      assertEquals(first.get(1).evidenceId(), single(data, "SELECT review_carried_from FROM evidence WHERE id = ?",
          again.get(1).evidenceId()));
      assertEquals(reviewedBefore, judgeCounts(data), "a carried review does not count twice");
      assertEquals("0", single(data, "SELECT count(*)::text FROM edge_documents d JOIN evidence v ON v.edge_id ="
          + " d.edge_id WHERE v.id = ?", again.get(1).evidenceId()), "a rejected sentence still gives no support");

      Path out = dir.resolve("reviews.csv");
      TrainingExport.Written written = TrainingExport.write(data, out);
      List<SpanExample> examples = SpanFiles.parse(CsvTable.fields(out), "reviews");
      Map<String, SpanExample> byText = examples.stream().collect(Collectors.toMap(SpanExample::text, e -> e));
      // Hand-written expectations: the accepted sentence is a relation, the not-causal one a text
      // without any, the wrong variable is left out (it says the span is wrong, not where).
      assertEquals(Set.of(TEXT.substring(0, s2 - 1), TEXT.substring(s2, s3 - 1)), byText.keySet());
      SpanExample frost = byText.get(TEXT.substring(0, s2 - 1));
      assertEquals(1, frost.relations().size());
      assertEquals(2, written.texts());
      assertEquals(1, written.relations());
      assertTrue(byText.get(TEXT.substring(s2, s3 - 1)).relations().isEmpty());
    }
  }

  private static Verdict verdict(Document doc, int sentence, String cause, String effect, String signal,
      String version) {
    int c = doc.text().indexOf(cause);
    int e = doc.text().indexOf(effect, sentence == 1 ? 0 : c);
    Span cs = new Span(c, c + cause.length(), cause);
    Span es = new Span(e, e + effect.length(), effect);
    Span sig = signal == null ? null : new Span(doc.text().indexOf(signal), doc.text().indexOf(signal) + signal.length(),
        signal);
    return new Verdict(ContentIds.evidenceId(doc.id(), cs, es, "tagger", version), doc.id() + "/" + sentence + "/"
        + version, doc.id(), doc.id() + "/s" + sentence, List.of(sentence), CausalLabel.CAUSE_TO_EFFECT, 0.9, "tagger",
        version, cs, es, cause.toLowerCase(), effect.toLowerCase(), "test", Set.of(), null, null, sig,
        org.causalworkbench.core.model.Polarity.UNKNOWN);
  }

  private static String review(javax.sql.DataSource data, Verdict v) {
    return single(data, "SELECT review FROM evidence WHERE id = ?", v.evidenceId());
  }

  private static Map<String, Integer> judgeCounts(javax.sql.DataSource data) throws Exception {
    try (Connection c = data.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT judge_id, correct, incorrect, span_incorrect FROM judge_reviews");
        ResultSet rs = s.executeQuery()) {
      Map<String, Integer> out = new java.util.TreeMap<>();
      while (rs.next()) {
        out.put(rs.getString(1) + " correct", rs.getInt(2));
        out.put(rs.getString(1) + " incorrect", rs.getInt(3));
        out.put(rs.getString(1) + " span", rs.getInt(4));
      }
      return out;
    }
  }

  private static String single(javax.sql.DataSource data, String sql, String parameter) {
    try (Connection c = data.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, parameter);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
