package org.causalworkbench.graph.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
import org.causalworkbench.graph.review.ReviewService;
import org.causalworkbench.graph.score.JudgeRates;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.score.JudgePrior;
import org.causalworkbench.graph.store.Database;
import org.causalworkbench.graph.store.PostgresGraphWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clustering of surface forms into variables, and merge, split and rename with their evidence. */
class VariableCurationTest {

  @TempDir static Path dir;
  static EmbeddedPostgres postgres;
  static Database database;
  static PostgresGraphWriter writer;
  static VariableCuration curation;
  static EdgeScorer scorer;

  /**
   * Vectors by hand: the smoking forms point the same way, "smoking ban" too (so only the head
   * rule keeps it apart), the rates far apart.
   */
  static final Map<String, float[]> VECTORS = Map.of(
      "smoking", unit(1, 0, 0), "cigarette smoking", unit(0.95f, 0.05f, 0), "tobacco smoking", unit(0.9f, 0.1f, 0),
      "smoking ban", unit(0.97f, 0.03f, 0), "interest rate", unit(0, 1, 0), "birth rate", unit(0, 0, 1),
      "lung cancer risk", unit(0.1f, 0.1f, 1), "colorectal cancer risk", unit(0.12f, 0.15f, 1));

  static float[] unit(float... v) {
    double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return new float[] {(float) (v[0] / n), (float) (v[1] / n), (float) (v[2] / n)};
  }

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgres.start(dir.resolve("pg"));
    database = Database.open(postgres.jdbcUrl(), postgres.user(), "", 4);
    scorer = new EdgeScorer(new JudgeRates(Map.of("cue", new JudgePrior(0.05, 0.3)), new JudgePrior(0.1, 0.4)), 0.5);
    NameEmbedder embedder = names -> {
      List<float[]> out = new ArrayList<>();
      names.forEach(n -> out.add(VECTORS.getOrDefault(n, unit(0.3f, 0.3f, 0.3f))));
      return out;
    };
    writer = new PostgresGraphWriter(database.dataSource(), scorer, new VariableResolver(embedder, 0.9, 0.999));
    curation = new VariableCuration(database.dataSource(), scorer);
  }

  @AfterAll
  static void stop() {
    database.close();
    postgres.close();
  }

  private static String doc(String text) {
    Document d = new Document(ContentIds.documentId(text), "t.txt", "", text, Map.of());
    writer.writeDocuments(List.of(new ProcessedDocument(d,
        List.of(new Sentence(d.id(), 0, 0, text.length(), text, List.of(), List.of())), 1, 1, 10)));
    return d.id();
  }

  private static Verdict causal(String docId, String cause, String effect) {
    int at = Math.floorMod((cause + "|" + effect).hashCode(), 10_000) * 1000;
    Span c = new Span(at, at + cause.length(), cause);
    Span e = new Span(at + 50, at + 50 + effect.length(), effect);
    return new Verdict(ContentIds.evidenceId(docId, c, e, "cue", "1"), docId + "/" + at, docId, docId + "/s0",
        List.of(0), CausalLabel.CAUSE_TO_EFFECT, 0.9, "cue", "1", c, e, cause, effect, "test", Set.of());
  }

  private static long variableOf(String form) throws SQLException {
    return (Long) one("SELECT variable_id FROM surface_forms WHERE name = ?", form);
  }

  private static Object one(String sql, Object... parameters) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    }
  }

  private static long edgeBetween(long cause, long effect) throws SQLException {
    Object id = one("SELECT id FROM edges WHERE cause_id = ? AND effect_id = ?", cause, effect);
    return id == null ? -1 : (Long) id;
  }

  @Test
  void namesThatEachSpecifySomethingElseStayApartHoweverAlikeTheirVectors() throws SQLException {
    String d = doc("risks");
    writer.writeVerdicts(List.of(causal(d, "smoking", "lung cancer risk"),
        causal(d, "alcohol", "colorectal cancer risk")));
    assertTrue(cosine("lung cancer risk", "colorectal cancer risk") > 0.99, "alike by hand, above the 0.9 threshold");
    assertNotEquals(variableOf("lung cancer risk"), variableOf("colorectal cancer risk"));
  }

  private static double cosine(String a, String b) {
    float[] x = VECTORS.get(a);
    float[] y = VECTORS.get(b);
    return x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
  }

  @Test
  void formsWithTheSameHeadAndAlikeVectorsBecomeOneVariable() throws SQLException {
    String d1 = doc("one");
    String d2 = doc("two");
    writer.writeVerdicts(List.of(causal(d1, "smoking", "lung cancer"), causal(d2, "cigarette smoking", "lung cancer"),
        causal(d2, "tobacco smoking", "heart disease"), causal(d1, "smoking ban", "bar revenue")));
    long smoking = variableOf("smoking");
    assertEquals(smoking, variableOf("cigarette smoking"));
    assertEquals(smoking, variableOf("tobacco smoking"));
    assertNotEquals(smoking, variableOf("smoking ban"), "another head word: another variable");
    long cancer = variableOf("lung cancer");
    long edge = edgeBetween(smoking, cancer);
    assertEquals(2, ((Number) one("SELECT document_count FROM edges WHERE id = ?", edge)).intValue(),
        "both documents' evidence meets on one edge");
    VariableCuration.VariableView view = curation.variable(smoking);
    assertEquals(Set.of("smoking", "cigarette smoking", "tobacco smoking"), view.forms().keySet());
    assertEquals(1, view.forms().get("smoking"));
  }

  @Test
  void mergeSplitAndRenameKeepTheEvidenceAndAreLogged() throws SQLException {
    String d1 = doc("three");
    String d2 = doc("four");
    writer.writeVerdicts(List.of(causal(d1, "interest rate", "house price"), causal(d2, "birth rate", "house price"),
        causal(d1, "house price", "birth rate")));
    long interest = variableOf("interest rate");
    long birth = variableOf("birth rate");
    long price = variableOf("house price");
    assertNotEquals(interest, birth);
    long evidence = (Long) one("SELECT count(*) FROM evidence WHERE edge_id IS NOT NULL AND document_id IN (?, ?)",
        d1, d2);

    curation.merge(birth, interest, "ana", "the same rate here");
    assertEquals(interest, variableOf("birth rate"));
    long merged = edgeBetween(interest, price);
    assertEquals(2, ((Number) one("SELECT evidence_count FROM edges WHERE id = ?", merged)).intValue(),
        "the two rates' edges to house price became one with both sentences");
    assertEquals(interest, (Long) one("SELECT merged_into FROM variables WHERE id = ?", birth));
    assertEquals(evidence, (Long) one("SELECT count(*) FROM evidence WHERE edge_id IS NOT NULL AND document_id IN"
        + " (?, ?)", d1, d2), "no evidence lost its edge");
    assertTrue(edgeBetween(price, interest) > 0, "the reverse edge moved too");

    VariableCuration.Result split = curation.split("birth rate", "ben", "different after all");
    long birthAgain = split.variableId();
    assertEquals(birthAgain, variableOf("birth rate"));
    assertEquals(1, ((Number) one("SELECT evidence_count FROM edges WHERE id = ?", edgeBetween(interest, price)))
        .intValue());
    assertEquals(1, ((Number) one("SELECT evidence_count FROM edges WHERE id = ?", edgeBetween(birthAgain, price)))
        .intValue());
    assertTrue(edgeBetween(price, birthAgain) > 0);
    assertEquals(-1, edgeBetween(price, interest), "the emptied undecided edge is gone");

    curation.rename(interest, "policy rate", "ana", null);
    assertEquals("policy rate", one("SELECT name FROM variables WHERE id = ?", interest));
    assertThrows(IllegalArgumentException.class, () -> curation.rename(interest, "house price", "ana", null));
    assertThrows(IllegalArgumentException.class, () -> curation.split("house price", "ana", null),
        "a variable's only form cannot be split out");

    List<ReviewService.LogEntry> log = new ReviewService(database.dataSource(), scorer).log(null, 10);
    assertEquals(List.of("rename", "split", "merge"), log.stream().map(ReviewService.LogEntry::action).toList());
    assertTrue(log.get(2).before().contains("birth rate") && log.get(2).after().contains("birth rate"));
  }

  @Test
  void aNewFormWhoseNameARenamedVariableHoldsFoundsItsOwnVariable() throws SQLException {
    String d = doc("five");
    writer.writeVerdicts(List.of(causal(d, "frost", "orchard yield")));
    long frost = variableOf("frost");
    curation.rename(frost, "cold snap", "ana", null);
    // A later batch brings the form "cold snap" (a head no form has, so it joins nothing) beside a
    // name no variable holds: the one founds a numbered variable, the other a plain one.
    writer.writeVerdicts(List.of(causal(d, "cold snap", "blossom drop"), causal(d, "late thaw", "blossom drop")));
    long snap = variableOf("cold snap");
    assertNotEquals(frost, snap, "a form is not merged into a variable by the variable's display name");
    assertEquals("cold snap (2)", one("SELECT name FROM variables WHERE id = ?", snap));
    assertEquals("late thaw", one("SELECT name FROM variables WHERE id = ?", variableOf("late thaw")));
    assertEquals("cold snap", one("SELECT name FROM variables WHERE id = ?", frost));
  }
}
