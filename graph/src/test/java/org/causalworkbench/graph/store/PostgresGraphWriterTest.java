package org.causalworkbench.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.ProcessedDocument;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.graph.embedded.EmbeddedPostgres;
import org.causalworkbench.graph.query.EdgeView;
import org.causalworkbench.graph.query.GraphQueries;
import org.causalworkbench.graph.score.JudgeRates;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.score.JudgePrior;
import org.causalworkbench.graph.testing.TableDump;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresGraphWriterTest {

  @TempDir static Path dir;
  static EmbeddedPostgres postgres;
  static Database database;
  static PostgresGraphWriter writer;
  static GraphQueries queries;

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgres.start(dir.resolve("pg"));
    database = Database.open(postgres.jdbcUrl(), postgres.user(), "", 4);
    EdgeScorer scorer = new EdgeScorer(new JudgeRates(Map.of("cue", new JudgePrior(0.05, 0.3)), new JudgePrior(0.1, 0.4)), 0.5);
    writer = new PostgresGraphWriter(database.dataSource(), scorer);
    queries = new GraphQueries(database.dataSource());
  }

  @AfterAll
  static void stop() {
    database.close();
    postgres.close();
  }

  private static ProcessedDocument doc(String text) {
    Document d = new Document(ContentIds.documentId(text), "t.txt", "", text, Map.of());
    Sentence s = new Sentence(d.id(), 0, 0, text.length(), text, List.of(), List.of());
    return new ProcessedDocument(d, List.of(s), 1, 1, 1000);
  }

  private static Verdict verdict(String docId, String cause, String effect, double p, CausalLabel label) {
    Span c = new Span(0, cause.length(), cause);
    Span e = new Span(cause.length() + 8, cause.length() + 8 + effect.length(), effect);
    return new Verdict(ContentIds.evidenceId(docId, c, e, "cue", "1"), docId + "/s0#0-1", docId, docId + "/s0",
        List.of(0), label, p, "cue", "1", c, e, cause, effect, "test", Set.of());
  }

  @Test
  void replayingTheSameInputChangesNoTable() throws SQLException {
    ProcessedDocument a = doc("Drought causes famine.");
    ProcessedDocument b = doc("Famine causes drought?");
    writer.writeDocuments(List.of(a, b));
    List<Verdict> verdicts = List.of(
        verdict(a.document().id(), "drought", "famine", 0.9, CausalLabel.CAUSE_TO_EFFECT),
        verdict(b.document().id(), "famine", "drought", 0.9, CausalLabel.CAUSE_TO_EFFECT),
        verdict(b.document().id(), "famine", "rain", 0.1, CausalLabel.NONE));
    writer.writeVerdicts(verdicts);
    String before = dump();
    writer.writeDocuments(List.of(a, b));
    writer.writeVerdicts(verdicts);
    assertEquals(before, dump());

    List<EdgeView> edges = queries.edges(0, 100).stream()
        .filter(e -> Set.of("drought", "famine").contains(e.cause())).toList();
    assertEquals(2, edges.size());
    for (EdgeView edge : edges) {
      assertTrue(edge.flags().contains("both_directions"), edge.toString());
      assertTrue(edge.flags().contains("single_document"), edge.toString());
      assertEquals("needs_review", edge.reviewState());
      // each direction's support, discounted by the other direction's: 0.58 * (1 - 0.58)
      assertEquals((1 - (0.05 + 0.37)) * (0.05 + 0.37), edge.belief(), 1e-9);
    }
    assertEquals(1L, queries.counts().verdictsByLabel().get("none"));
  }

  @Test
  void secondDocumentRaisesBeliefAndClearsSingleDocument() {
    ProcessedDocument a = doc("Floods cause erosion.");
    ProcessedDocument b = doc("Erosion follows floods.");
    writer.writeDocuments(List.of(a, b));
    writer.writeVerdicts(List.of(verdict(a.document().id(), "flood", "erosion", 0.9, CausalLabel.CAUSE_TO_EFFECT)));
    writer.writeVerdicts(List.of(verdict(b.document().id(), "flood", "erosion", 0.9, CausalLabel.CAUSE_TO_EFFECT)));
    EdgeView edge = queries.edges(0, 100).stream().filter(e -> e.cause().equals("flood")).findFirst().orElseThrow();
    assertEquals(1 - (0.05 + 0.37 * 0.37), edge.belief(), 1e-9);
    assertEquals(2, edge.documentCount());
    assertTrue(edge.flags().isEmpty(), edge.flags().toString());
    assertEquals("unreviewed", edge.reviewState());
    assertEquals(Set.of("Floods cause erosion.", "Erosion follows floods."),
        Set.copyOf(queries.evidence(edge.id()).stream().map(v -> v.text()).toList()));
  }

  @Test
  void anUnansweredVerdictAboutTheSameVariablesFlagsTheEdge() {
    ProcessedDocument a = doc("Smog raised asthma rates.");
    ProcessedDocument b = doc("Asthma rates and smog were discussed.");
    writer.writeDocuments(List.of(a, b));
    writer.writeVerdicts(List.of(verdict(a.document().id(), "smog", "asthma rate", 0.9, CausalLabel.CAUSE_TO_EFFECT)));
    EdgeView before = queries.edges(0, 100).stream().filter(e -> e.cause().equals("smog")).findFirst().orElseThrow();
    assertTrue(!before.flags().contains("reasoning_failed"), before.flags().toString());

    Verdict ok = verdict(b.document().id(), "asthma rate", "smog", 0, CausalLabel.UNKNOWN);
    Verdict failed = new Verdict(ok.evidenceId(), ok.pairId(), ok.documentId(), ok.unitId(), ok.sentences(),
        CausalLabel.UNKNOWN, 0, "llm", "m/1", ok.cause(), ok.effect(), ok.causeVariable(), ok.effectVariable(),
        "truncated: the budget ran out", Set.of(), "truncated", new Verdict.Usage(100, 4096, 30_000));
    writer.writeVerdicts(List.of(failed));
    EdgeView after = queries.edge(before.id()).orElseThrow();
    assertTrue(after.flags().contains("reasoning_failed"), after.flags().toString());
    assertEquals(before.belief(), after.belief(), 1e-12, "an unanswered verdict is no evidence either way");
    assertEquals(Map.of("truncated", 1L), queries.counts().judgeFailures());
  }

  /**
   * Two writers at once, as the job's evidence sink runs them: verdicts routed by variable pair,
   * every batch naming the shared hub variable. Nothing is lost or counted twice, and neither
   * writer deadlocks the other on the hub's surface form.
   */
  @Test
  void parallelWritersSharingAHubLoseAndDoubleNothing() throws Exception {
    List<List<Verdict>> streams = List.of(new ArrayList<>(), new ArrayList<>());
    Map<String, Integer> hubMentions = new HashMap<>();
    Set<String> pairs = new HashSet<>();
    List<ProcessedDocument> documents = new ArrayList<>();
    for (int d = 0; d < 40; d++) {
      ProcessedDocument doc = doc("Parallel document " + d + " about the shared hub.");
      documents.add(doc);
      for (int k = 0; k < 5; k++) {
        String other = "spoke " + ((d * 5 + k) % 23);
        Verdict v = d % 2 == 0 ? verdict(doc.document().id(), "shared hub", other, 0.8, CausalLabel.CAUSE_TO_EFFECT)
            : verdict(doc.document().id(), other, "shared hub", 0.8, CausalLabel.CAUSE_TO_EFFECT);
        v = new Verdict(v.evidenceId() + "-" + k, v.pairId(), v.documentId(), v.unitId(), v.sentences(), v.label(),
            v.probability(), v.judgeId(), v.judgeVersion(), v.cause(), v.effect(), v.causeVariable(),
            v.effectVariable(), v.explanation(), v.qualifiers());
        streams.get(Math.floorMod(v.variablePair().hashCode(), 2)).add(v);
        hubMentions.merge("shared hub", 1, Integer::sum);
        pairs.add(v.causeVariable() + " -> " + v.effectVariable());
      }
    }
    writer.writeDocuments(documents);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (List<Verdict> stream : streams) {
        PostgresGraphWriter own = new PostgresGraphWriter(database.dataSource(), new EdgeScorer(
            new JudgeRates(Map.of("cue", new JudgePrior(0.05, 0.3)), new JudgePrior(0.1, 0.4)), 0.5));
        running.add(pool.submit(() -> {
          for (int from = 0; from < stream.size(); from += 10) {
            own.writeVerdicts(stream.subList(from, Math.min(stream.size(), from + 10)));
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    try (var c = database.dataSource().getConnection(); var st = c.createStatement()) {
      try (var rs = st.executeQuery("SELECT mentions FROM surface_forms WHERE name = 'shared hub'")) {
        rs.next();
        assertEquals(hubMentions.get("shared hub"), rs.getInt(1));
      }
      try (var rs = st.executeQuery("SELECT count(*) FROM evidence WHERE cause_variable = 'shared hub'"
          + " OR effect_variable = 'shared hub'")) {
        rs.next();
        assertEquals(200, rs.getInt(1));
      }
      try (var rs = st.executeQuery("SELECT count(*), sum(evidence_count) FROM edges e JOIN variables c"
          + " ON c.id = e.cause_id JOIN variables f ON f.id = e.effect_id"
          + " WHERE c.name = 'shared hub' OR f.name = 'shared hub'")) {
        rs.next();
        assertEquals(pairs.size(), rs.getInt(1));
        assertEquals(200, rs.getInt(2));
      }
    }
  }

  /** V19 moved the check of an edge's variables to commit; it must still refuse an edge to no variable. */
  @Test
  void anEdgeToAVariableThatIsGoneFailsAtCommit() throws SQLException {
    try (var c = database.dataSource().getConnection(); var st = c.createStatement()) {
      c.setAutoCommit(false);
      st.executeUpdate("INSERT INTO edges (cause_id, effect_id) VALUES (-1, -2)");
      SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, c::commit);
      assertEquals("23503", refused.getSQLState(), refused.getMessage());
    }
  }

  private static String dump() throws SQLException {
    return TableDump.of(database.dataSource());
  }

}
