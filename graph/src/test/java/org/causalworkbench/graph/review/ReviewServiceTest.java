package org.causalworkbench.graph.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.ProcessedDocument;
import org.causalworkbench.core.model.Polarity;
import org.causalworkbench.core.model.Qualifier;
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

/**
 * Belief in the store against hand-computed values, before and after reviews. Priors: cue (0.05,
 * 0.3), llm (0.1, 0.2), each worth 10 reviews. Every test uses its own variables.
 */
class ReviewServiceTest {

  @TempDir static Path dir;
  static EmbeddedPostgres postgres;
  static Database database;
  static PostgresGraphWriter writer;
  static ReviewService reviews;
  static EdgeScorer scorer;

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgres.start(dir.resolve("pg"));
    database = Database.open(postgres.jdbcUrl(), postgres.user(), "", 4);
    // Judges' review counts are shared state: each test reviews only judges of its own (llm-b, cue-c, ...).
    scorer = new EdgeScorer(new JudgeRates(Map.of("cue", new JudgePrior(0.05, 0.3),
        "llm", new JudgePrior(0.1, 0.2), "llm-b", new JudgePrior(0.1, 0.2), "cue-b", new JudgePrior(0.05, 0.3),
        "cue-c", new JudgePrior(0.05, 0.3)), new JudgePrior(0.1, 0.4), 10, Map.of()), 0.5);
    writer = new PostgresGraphWriter(database.dataSource(), scorer);
    // Chunks of 3 edges over 2 writer connections: every pass here writes many chunks side by side.
    reviews = new ReviewService(database.dataSource(), scorer, new RecalibrationSettings(3, 2));
  }

  @AfterAll
  static void stop() {
    reviews.close();
    database.close();
    postgres.close();
  }

  private static String doc(String text) {
    Document d = new Document(ContentIds.documentId(text), "t.txt", "", text, Map.of());
    writer.writeDocuments(List.of(new ProcessedDocument(d,
        List.of(new Sentence(d.id(), 0, 0, text.length(), text, List.of(), List.of())), 1, 1, 10)));
    return d.id();
  }

  private static Verdict verdict(String docId, String judge, String cause, String effect, double p, CausalLabel label,
      Set<Qualifier> qualifiers, int sentence) {
    // spans placed by the variables' names, so each test's evidence has its own id
    int at = Math.floorMod((cause + "|" + effect).hashCode(), 10_000) * 1000 + sentence * 100;
    Span c = new Span(at, at + cause.length(), cause);
    Span e = new Span(at + 50, at + 50 + effect.length(), effect);
    return new Verdict(ContentIds.evidenceId(docId, c, e, judge, "1"), docId + "/p" + sentence + cause + effect,
        docId, docId + "/s" + sentence, List.of(sentence), label, p, judge, "1", c, e, cause, effect, "test",
        qualifiers);
  }

  private static Verdict causal(String docId, String judge, String cause, String effect, double p) {
    return verdict(docId, judge, cause, effect, p, CausalLabel.CAUSE_TO_EFFECT, Set.of(), 0);
  }

  private static long edge(String cause, String effect) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT e.id FROM edges e JOIN variables a ON a.id = e.cause_id"
            + " JOIN variables b ON b.id = e.effect_id WHERE a.name = ? AND b.name = ?")) {
      s.setString(1, cause);
      s.setString(2, effect);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  private static double belief(String cause, String effect) throws SQLException {
    return row(cause, effect, "belief") instanceof Double d ? d : Double.NaN;
  }

  private static Object row(String cause, String effect, String column) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM edges WHERE id = ?")) {
      s.setLong(1, edge(cause, effect));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getObject(1);
      }
    }
  }

  @Test
  void anEdgeWithEvidenceFromHundredsOfDocumentsScoresWithoutUnderflow() throws SQLException {
    // 900 documents at rand 0.4: the product of misses is 0.4^900, below what a double holds.
    List<Verdict> many = new java.util.ArrayList<>();
    for (int i = 0; i < 900; i++) {
      many.add(causal("bulk-doc-" + i, "cue-z", "river silt", "delta growth", 1.0));
    }
    writer.writeVerdicts(many);
    assertEquals(0.9, belief("river silt", "delta growth"), 1e-9, "1 - (syst 0.1 + 0.4^900)");
  }

  @Test
  void beliefInTheStoreMatchesTheHandComputedCases() throws SQLException {
    String d1 = doc("one");
    String d2 = doc("two");
    // one sentence at p 0.9: rand 0.3 + 0.7 * 0.1 = 0.37, belief 1 - (0.05 + 0.37)
    writer.writeVerdicts(List.of(causal(d1, "cue", "a1", "b1", 0.9)));
    assertEquals(0.58, belief("a1", "b1"), 1e-9);
    // a second sentence of the same document counts once
    writer.writeVerdicts(List.of(verdict(d1, "cue", "a1", "b1", 0.6, CausalLabel.CAUSE_TO_EFFECT, Set.of(), 1)));
    assertEquals(0.58, belief("a1", "b1"), 1e-9);
    // a second document: 1 - (0.05 + 0.37^2)
    writer.writeVerdicts(List.of(causal(d2, "cue", "a1", "b1", 0.9)));
    assertEquals(1 - (0.05 + 0.37 * 0.37), belief("a1", "b1"), 1e-9);
    // a second judge: llm rand 0.2 + 0.8 * 0.1 = 0.28, misses multiply
    writer.writeVerdicts(List.of(causal(d1, "llm", "a2", "b2", 0.9), causal(d1, "cue", "a2", "b2", 0.9)));
    assertEquals(1 - (0.05 + 0.37) * (0.1 + 0.28), belief("a2", "b2"), 1e-9);
    // opposing evidence: each direction 0.58, discounted by the other
    writer.writeVerdicts(List.of(causal(d1, "cue", "a3", "b3", 0.9), causal(d2, "cue", "b3", "a3", 0.9)));
    assertEquals(0.58 * 0.42, belief("a3", "b3"), 1e-9);
    assertEquals(0.58 * 0.42, belief("b3", "a3"), 1e-9);
    // a negated statement about the pair counts against too
    writer.writeVerdicts(List.of(causal(d1, "cue", "a4", "b4", 0.9),
        verdict(d2, "cue", "a4", "b4", 0.9, CausalLabel.NONE, Set.of(Qualifier.NEGATED), 0)));
    assertEquals(0.58 * 0.42, belief("a4", "b4"), 1e-9);
    assertEveryEdgeRecalibrated();
  }

  /**
   * A recalibration computes every belief in one read, then writes the changes chunk by chunk: an
   * edge a writer changed after that read keeps what the writer wrote, an edge a writer holds is
   * skipped at once (not waited for), and both are handed back to be scored edge by edge, as is an
   * edge without a change that a writer changed since.
   */
  @Test
  void aRecalibrationNeitherOverwritesNorWaitsForAWriter() throws SQLException {
    String d = doc("Recalibration staged while writers work.");
    writer.writeVerdicts(List.of(causal(d, "cue-d", "staged a", "staged b", 0.8),
        causal(d, "cue-d", "held a", "held b", 0.8), causal(d, "cue-d", "kept a", "kept b", 0.8),
        causal(d, "cue-e", "unmoved a", "unmoved b", 0.8)));
    long unmoved = edge("unmoved a", "unmoved b");
    long written = edge("staged a", "staged b");
    long held = edge("held a", "held b");
    long kept = edge("kept a", "kept b");
    // cue-d's prior moves from the unknown judge's (0.1, 0.4) to (0.2, 0.5): all three beliefs change.
    JudgeRates moved = new JudgeRates(Map.of("cue", new JudgePrior(0.05, 0.3), "llm", new JudgePrior(0.1, 0.2),
        "llm-b", new JudgePrior(0.1, 0.2), "cue-b", new JudgePrior(0.05, 0.3), "cue-c", new JudgePrior(0.05, 0.3),
        "cue-d", new JudgePrior(0.2, 0.5)), new JudgePrior(0.1, 0.4), 10, Map.of());
    try (Connection c = database.dataSource().getConnection();
        Connection other = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      EdgeScorer recalibrating = new EdgeScorer(moved, 0.5).withReviews(PostgresGraphWriter.reviewCounts(c));
      EdgeScorer.Stage stage = recalibrating.stageRecalibration(c);
      c.commit();
      // After the read: a writer adds to one edge, another holds the second in its transaction.
      writer.writeVerdicts(List.of(verdict(d, "cue-d", "staged a", "staged b", 0.9, CausalLabel.CAUSE_TO_EFFECT,
          Set.of(), 1), verdict(d, "cue-e", "unmoved a", "unmoved b", 0.9, CausalLabel.CAUSE_TO_EFFECT, Set.of(), 1)));
      double writersBelief = belief("staged a", "staged b");
      double heldBelief = belief("held a", "held b");
      other.setAutoCommit(false);
      try (PreparedStatement lock = other.prepareStatement("SELECT id FROM edges WHERE id = ? FOR NO KEY UPDATE")) {
        lock.setLong(1, held);
        lock.executeQuery().close();
      }
      try (var s = c.createStatement()) {
        s.execute("SET lock_timeout = '5s'"); // waiting would fail the test, not hang it
      }
      java.util.Set<Long> left = new java.util.TreeSet<>();
      for (long id : List.of(written, held, kept)) {
        int at = java.util.Arrays.binarySearch(stage.changed(), id);
        assertTrue(at >= 0, "edge " + id + " staged with a change");
        left.addAll(recalibrating.applyChunk(c, recalibrating.stagedChunk(c, stage, at, at + 1)));
      }
      assertTrue(java.util.Arrays.binarySearch(stage.changed(), unmoved) < 0, "cue-e's rates did not move");
      assertEquals(Set.of(unmoved), recalibrating.movedSinceStaged(c, stage).stream().filter(Set.of(unmoved, kept)::contains)
          .collect(java.util.stream.Collectors.toSet()), "an edge without a change that a writer changed since");
      c.commit();
      other.rollback();
      assertEquals(Set.of(written, held), left, "the edges a writer changed or held are handed back");
      assertEquals(writersBelief, belief("staged a", "staged b"), 1e-12, "the writer's belief stands");
      assertEquals(heldBelief, belief("held a", "held b"), 1e-12, "the held edge is left alone");
      // The one applied holds what scoring it from scratch at the moved rates gives.
      double applied = belief("kept a", "kept b");
      recalibrating.rescore(c, Set.of(kept), false);
      c.commit();
      assertEquals(belief("kept a", "kept b"), applied, 1e-12);
      assertTrue(Math.abs(applied - heldBelief) > 0.01, "the rates moved the belief: " + applied + " vs " + heldBelief);
    }
  }

  /** A recalibration rewrites a belief that moved beyond its tolerance and leaves one that moved less. */
  @Test
  void aRecalibrationLeavesBeliefsThatMovedLessThanItsTolerance() throws SQLException {
    String d = doc("Recalibration within a tolerance.");
    writer.writeVerdicts(List.of(causal(d, "cue-f", "nudged a", "nudged b", 0.8),
        causal(d, "cue-g", "moved a", "moved b", 0.8)));
    long nudged = edge("nudged a", "nudged b");
    long moved = edge("moved a", "moved b");
    // From the unknown judge's (0.1, 0.4), one doc at p 0.8: belief 1 - (0.1 + 0.4 + 0.6 * 0.2) = 0.38.
    // cue-f to (0.1, 0.41): 1 - (0.1 + 0.41 + 0.59 * 0.2) = 0.372; cue-g to (0.3, 0.4): 0.18.
    Map<String, JudgePrior> priors = new java.util.HashMap<>(Map.of("cue", new JudgePrior(0.05, 0.3),
        "llm", new JudgePrior(0.1, 0.2), "llm-b", new JudgePrior(0.1, 0.2), "cue-b", new JudgePrior(0.05, 0.3),
        "cue-c", new JudgePrior(0.05, 0.3)));
    priors.put("cue-f", new JudgePrior(0.1, 0.41));
    priors.put("cue-g", new JudgePrior(0.3, 0.4));
    JudgeRates rates = new JudgeRates(priors, new JudgePrior(0.1, 0.4), 10, Map.of());
    assertEquals(0.38, belief("nudged a", "nudged b"), 1e-9);
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      var counts = PostgresGraphWriter.reviewCounts(c);
      EdgeScorer.Stage within = new EdgeScorer(rates, 0.5, java.util.EnumSet.allOf(
          org.causalworkbench.graph.score.EdgeFlag.class), 0.01).withReviews(counts).stageRecalibration(c);
      assertTrue(java.util.Arrays.binarySearch(within.changed(), nudged) < 0, "0.008 is within 0.01");
      assertTrue(java.util.Arrays.binarySearch(within.changed(), moved) >= 0, "0.2 is not");
      EdgeScorer.Stage exact = new EdgeScorer(rates, 0.5).withReviews(counts).stageRecalibration(c);
      assertTrue(java.util.Arrays.binarySearch(exact.changed(), nudged) >= 0, "every change, at tolerance 0");
      c.rollback();
    }
  }

  /**
   * An edge that a negated statement speaks against, in its own direction or the reverse one, is
   * recalibrated with that statement counted, as scoring it from scratch does.
   */
  @Test
  void aRecalibrationCountsNegatedStatementsInEitherDirection() throws SQLException {
    String d = doc("Negated statements and recalibration.");
    String d2 = doc("Negated statements and recalibration, again.");
    writer.writeVerdicts(List.of(causal(d, "cue-k", "reviewed a", "reviewed b", 0.9),
        causal(d, "cue-k", "denied a", "denied b", 0.9), causal(d, "cue-k", "reversed a", "reversed b", 0.9),
        verdict(d2, "cue-k", "denied a", "denied b", 0.9, CausalLabel.NONE, Set.of(Qualifier.NEGATED), 0),
        verdict(d2, "cue-k", "reversed b", "reversed a", 0.9, CausalLabel.NONE, Set.of(Qualifier.NEGATED), 0)));
    double denied = belief("denied a", "denied b");
    double reversed = belief("reversed a", "reversed b");
    assertEquals(denied, reversed, 1e-12, "a statement that denies either direction counts against the edge");
    reviews.reviewEdge(edge("reviewed a", "reviewed b"), ReviewService.EdgeDecision.ACCEPT, "ana", null);
    assertEveryEdgeRecalibrated();
    assertTrue(Math.abs(belief("reversed a", "reversed b") - reversed) > 1e-6, "cue-k's rates moved the belief");
    assertEquals(belief("denied a", "denied b"), belief("reversed a", "reversed b"), 1e-12);
  }

  /**
   * The recalibration a decision sets off is recorded with the decision: when the process stops
   * before its pass has run, the next service opened on the store runs it.
   */
  @Test
  void aRecalibrationAStoppedProcessLeftIsFinishedByTheNextOne() throws Exception {
    String d = doc("Recalibration left behind by a stopped process.");
    writer.writeVerdicts(List.of(causal(d, "cue-h", "left a", "left b", 0.8),
        causal(d, "cue-h", "other a", "other b", 0.8)));
    // cue-h has the unknown judge's prior (0.1, 0.4): at p 0.8, 1 - (0.1 + 0.4 + 0.6 * 0.2)
    assertEquals(0.38, belief("other a", "other b"), 1e-9);
    assertTrue(reviews.recalibration().awaitIdle(java.time.Duration.ofSeconds(30)), "no other pass is under way");
    try (Connection otherProcess = database.dataSource().getConnection()) {
      // Another process's pass holds the store's recalibration lock, so this one's pass waits.
      assertTrue(advisory(otherProcess, "pg_try_advisory_lock"));
      ReviewService stopped = new ReviewService(database.dataSource(), scorer);
      stopped.reviewEdge(edge("left a", "left b"), ReviewService.EdgeDecision.ACCEPT, "ana", null);
      assertTrue(stopped.recalibration().status().recalibrating());
      stopped.close();
      assertEquals(0.38, belief("other a", "other b"), 1e-9, "the stopped process did not recalibrate");
      assertTrue(requestedJudges().contains("cue-h"), "the request outlives the process");
      assertTrue(advisory(otherProcess, "pg_advisory_unlock"));
    }
    try (ReviewService next = new ReviewService(database.dataSource(), scorer)) {
      assertTrue(next.recalibration().status().recalibrating(), "opening the store resumes the pass");
      assertTrue(next.recalibration().awaitIdle(java.time.Duration.ofSeconds(30)));
      // one correct review: rand (0.4 * 10) / 11
      double rand = 4.0 / 11;
      assertEquals(1 - (0.1 + rand + (1 - rand) * 0.2), belief("other a", "other b"), 1e-9);
      assertFalse(requestedJudges().contains("cue-h"), "the finished request is removed");
    }
  }

  /**
   * A review recorded while a pass runs, after the pass read the requests, is not removed with
   * them: its rates were not in that pass, so another pass applies them.
   */
  @Test
  void aReviewMadeDuringAPassGetsAPassOfItsOwn() throws Exception {
    String d = doc("Reviews made while a recalibration runs.");
    String d2 = doc("More reviews made while a recalibration runs.");
    writer.writeVerdicts(List.of(causal(d, "cue-i", "first a", "first b", 0.8),
        causal(d, "cue-i", "held a", "held b", 0.8), causal(d, "cue-i", "seen a", "seen b", 0.8),
        causal(d2, "cue-i", "second a", "second b", 0.8)));
    assertTrue(reviews.recalibration().awaitIdle(java.time.Duration.ofSeconds(30)));
    double before = belief("seen a", "seen b");
    try (Connection holder = database.dataSource().getConnection()) {
      // A writer holds one of cue-i's edges: the pass skips it and keeps trying, its requests read
      // but not yet removed.
      holder.setAutoCommit(false);
      try (PreparedStatement lock = holder.prepareStatement("SELECT id FROM edges WHERE id = ? FOR NO KEY UPDATE")) {
        lock.setLong(1, edge("held a", "held b"));
        lock.executeQuery().close();
      }
      reviews.reviewEdge(edge("first a", "first b"), ReviewService.EdgeDecision.ACCEPT, "ana", null);
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (Math.abs(belief("seen a", "seen b") - before) < 1e-12) {
        assertTrue(System.nanoTime() < deadline, "the pass wrote the edge nobody holds");
        Thread.sleep(20);
      }
      assertTrue(reviews.recalibration().status().recalibrating(), "the pass still waits for the held edge");
      reviews.reviewEdge(edge("second a", "second b"), ReviewService.EdgeDecision.ACCEPT, "ana", null);
      holder.rollback();
    }
    assertEveryEdgeRecalibrated();
    // two correct reviews: rand (0.4 * 10) / 12 at p 0.8
    double rand = 4.0 / 12;
    assertEquals(1 - (0.1 + rand + (1 - rand) * 0.2), belief("seen a", "seen b"), 1e-9);
    assertFalse(requestedJudges().contains("cue-i"));
  }

  private static boolean advisory(Connection c, String function) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + function + "(?)")) {
      s.setLong(1, Recalibration.PASS_LOCK);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /**
   * The queue's status covers requests another process recorded (a forget, the review command): the
   * analyst's list holds its order while any process moves beliefs, not only this one.
   */
  @Test
  void theStoreStatusShowsARecalibrationAnotherProcessRecorded() throws Exception {
    assertTrue(reviews.recalibration().awaitIdle(java.time.Duration.ofSeconds(30)), "no other pass is under way");
    assertFalse(reviews.recalibration().storeStatus().recalibrating(), "nothing waits");
    try (Connection otherProcess = database.dataSource().getConnection()) {
      otherProcess.setAutoCommit(false);
      Recalibration.record(otherProcess, Set.of("judge-of-another-process"));
      otherProcess.commit();
      assertFalse(reviews.recalibration().status().recalibrating(), "this process runs no pass");
      Recalibration.Status store = reviews.recalibration().storeStatus();
      assertTrue(store.recalibrating() && store.elsewhere(), store.toString());
      try (PreparedStatement s = otherProcess.prepareStatement(
          "DELETE FROM recalibration_requests WHERE judge_id = 'judge-of-another-process'")) {
        assertEquals(1, s.executeUpdate());
      }
      otherProcess.commit();
    }
    assertFalse(reviews.recalibration().storeStatus().recalibrating(), "the other process's pass applied it");
  }

  private static Set<String> requestedJudges() throws SQLException {
    Set<String> out = new java.util.TreeSet<>();
    try (Connection c = database.dataSource().getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT judge_id FROM recalibration_requests")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void acceptingAnEdgeSetsItToOneAndRescoresTheJudgesOtherEdges() throws SQLException {
    String d = doc("three");
    writer.writeVerdicts(List.of(causal(d, "llm-b", "c1", "e1", 0.9), causal(d, "llm-b", "c2", "e2", 0.9),
        causal(d, "cue-b", "c3", "e3", 0.9)));
    assertEquals(1 - (0.1 + 0.28), belief("c2", "e2"), 1e-9);
    double cueBefore = belief("c3", "e3");

    ReviewService.Outcome accepted = reviews.reviewEdge(edge("c1", "e1"), ReviewService.EdgeDecision.ACCEPT, "ana",
        "stated outright");
    assertEquals("accepted", accepted.state());
    assertEquals(1.0, accepted.belief());
    assertTrue(accepted.recalibrating(), "the llm's other edges are being re-scored");
    assertEveryEdgeRecalibrated();
    // llm rand after one correct: (0.2 * 10) / 11; at p 0.9: rand + (1 - rand) * 0.1
    double rand = 2.0 / 11;
    assertEquals(1 - (0.1 + rand + (1 - rand) * 0.1), belief("c2", "e2"), 1e-9);
    assertEquals(cueBefore, belief("c3", "e3"), 1e-12, "edges of other judges are untouched");

    reviews.reviewEdge(edge("c1", "e1"), ReviewService.EdgeDecision.REJECT, "ben", "misread");
    assertEquals(0.0, belief("c1", "e1"));
    assertEveryEdgeRecalibrated();
    // a changed mind counts once: now one incorrect, (2 + 1) / 11
    rand = 3.0 / 11;
    assertEquals(1 - (0.1 + rand + (1 - rand) * 0.1), belief("c2", "e2"), 1e-9);

    assertEveryEdgeRecalibrated();

    List<ReviewService.LogEntry> log = reviews.log("ben", 10);
    assertEquals(1, log.size());
    assertEquals("reject", log.get(0).action());
    assertTrue(log.get(0).before().contains("\"accepted\"") && log.get(0).after().contains("\"rejected\""),
        log.get(0).before() + " -> " + log.get(0).after());
    assertEquals("misread", log.get(0).note());
    String target = Long.toString(edge("c1", "e1"));
    assertEquals(2, reviews.log(null, 10).stream().filter(e -> e.targetId().equals(target)).count(),
        "nothing is deleted: both decisions are in the log");
  }

  @Test
  void rejectingOneSentenceKeepsTheEdgeOnItsOtherEvidence() throws SQLException {
    String d1 = doc("four");
    String d2 = doc("five");
    Verdict wrong = causal(d1, "cue-c", "f1", "g1", 0.9);
    writer.writeVerdicts(List.of(wrong, causal(d2, "cue-c", "f1", "g1", 0.9)));
    assertEquals(1 - (0.05 + 0.37 * 0.37), belief("f1", "g1"), 1e-9);
    ReviewService.Outcome o = reviews.reviewEvidence(wrong.evidenceId(), ReviewService.EvidenceDecision.REJECT, "ana",
        null);
    // the edge stands on the other document alone, the judge's rand now (3 + 1) / 11 after one wrong sentence
    double rand = 4.0 / 11;
    assertEquals(1 - (0.05 + rand + (1 - rand) * 0.1), o.belief(), 1e-9);
    assertEquals("needs_review", o.state(), "one document left: single_document");
    assertEquals(1, ((Number) row("f1", "g1", "evidence_count")).intValue());
  }

  @Test
  void rejectingAJudgesOnlySentenceTakesThatJudgeOffTheEdge() throws SQLException {
    String d1 = doc("solo one");
    String d2 = doc("solo two");
    // Judges of their own at the unknown judge's prior (0.1, 0.4): each sentence misses 0.1 + 0.46.
    Verdict other = causal(d2, "solo-b", "m7", "n7", 0.9);
    writer.writeVerdicts(List.of(causal(d1, "solo-a", "m7", "n7", 0.9), other));
    assertEquals(1 - 0.56 * 0.56, belief("m7", "n7"), 1e-9);
    // A wrong variable leaves solo-b's rates as they were, so nothing but the rebuild drops its share.
    ReviewService.Outcome o = reviews.reviewEvidence(other.evidenceId(), ReviewService.EvidenceDecision.REJECT,
        RejectReason.WRONG_VARIABLE, "ana", null);
    assertEquals(1 - 0.56, o.belief(), 1e-9, "solo-a's sentence alone");
    assertEveryEdgeRecalibrated();
  }

  @Test
  void aWrongVariableCountsAgainstTheSpanNotTheClaim() throws SQLException {
    String d = doc("typed rejects");
    // Judges of their own, so other tests' reviews do not count here.
    writer.writeVerdicts(List.of(causal(d, "span-x", "t1", "u1", 0.9), causal(d, "span-x", "t2", "u2", 0.9),
        causal(d, "claim-x", "t3", "u3", 0.9)));
    reviews.reviewEdge(edge("t1", "u1"), ReviewService.EdgeDecision.REJECT, RejectReason.WRONG_VARIABLE, "ana",
        "the effect is the dose, not the drug");
    reviews.reviewEdge(edge("t3", "u3"), ReviewService.EdgeDecision.REJECT, RejectReason.HYPOTHESIS_ONLY, "ana", null);
    assertEveryEdgeRecalibrated();
    Map<String, ReviewService.JudgeReview> byJudge = new java.util.HashMap<>();
    reviews.judgeReviews().forEach(r -> byJudge.put(r.judge(), r));
    assertEquals(List.of(0, 0, 1), counts(byJudge.get("span-x")), "a wrong variable is a span error");
    assertEquals(List.of(0, 1, 0), counts(byJudge.get("claim-x")), "only hypothesised is a wrong claim");
    // The unknown judge's prior (0.1, 0.4): the span error leaves its random error where it was.
    assertEquals(0.4, byJudge.get("span-x").randomError(), 1e-12);
    assertEquals((0.4 * 10 + 1) / 11, byJudge.get("claim-x").randomError(), 1e-12);
    assertEquals(1 - (0.1 + 0.4 + 0.6 * 0.1), belief("t2", "u2"), 1e-9, "span-x's other edge keeps its belief");
    assertEquals("wrong_variable", row("t1", "u1", "reject_reason"));
    assertThrows(IllegalArgumentException.class, () -> reviews.reviewEdge(edge("t2", "u2"),
        ReviewService.EdgeDecision.ACCEPT, RejectReason.NOT_CAUSAL, "ana", null), "a reason goes with a rejection");
  }

  private static List<Integer> counts(ReviewService.JudgeReview r) {
    return List.of(r.correct(), r.incorrect(), r.spanErrors());
  }

  @Test
  void aCorrectedSpanMovesTheEvidenceAndOutlivesReprocessing() throws SQLException {
    String text = "Heavy rain in the hills caused flooding downstream.";
    String d = doc(text);
    Verdict original = spanned(d, text, "rain", "flooding downstream", "1");
    writer.writeVerdicts(List.of(original));
    long before = edge("rain", "flooding downstream");
    assertTrue(before > 0);

    ReviewService.Corrected corrected = reviews.correctSpans(original.evidenceId(), "Heavy rain in the hills", null,
        "flooding", "river flooding", "ana", "the rain is heavy rain in the hills");
    assertEquals("heavy rain in the hills", corrected.cause(), "the words without the article, lower case");
    assertEquals("river flooding", corrected.effect(), "the analyst's name");
    assertEquals(edge("heavy rain in the hills", "river flooding"), corrected.edgeId());
    assertTrue(corrected.oldEdgeRemoved(), "nothing else supported rain -> flooding downstream");
    assertEquals(-1, edge("rain", "flooding downstream"));
    assertEquals(1, row("heavy rain in the hills", "river flooding", "evidence_count"));

    // A replay of the same evidence and a reprocessing (new version, same original spans) both land corrected.
    writer.writeVerdicts(List.of(original, spanned(d, text, "rain", "flooding downstream", "2")));
    assertEquals(-1, edge("rain", "flooding downstream"), "the uncorrected edge never comes back");
    assertEquals(2, row("heavy rain in the hills", "river flooding", "evidence_count"));
    assertEquals("correct_spans", reviews.log("ana", 1).get(0).action());

    assertThrows(IllegalArgumentException.class, () -> reviews.correctSpans(original.evidenceId(), "snow", null,
        "flooding", null, "ana", null), "words not in the text are refused");
  }

  private static Verdict spanned(String docId, String text, String cause, String effect, String version) {
    int c = text.indexOf(cause);
    int e = text.indexOf(effect);
    Span cs = new Span(c, c + cause.length(), cause);
    Span es = new Span(e, e + effect.length(), effect);
    return new Verdict(ContentIds.evidenceId(docId, cs, es, "tagger-s", version), docId + "/p" + version, docId,
        docId + "/s0", List.of(0), CausalLabel.CAUSE_TO_EFFECT, 0.9, "tagger-s", version, cs, es, cause, effect, "test",
        Set.of());
  }

  @Test
  void anEdgesPolarityIsWhatMostSentencesSayUntilAnAnalystSetsIt() throws SQLException {
    String d1 = doc("salt one");
    String d2 = doc("salt two");
    String d3 = doc("salt three");
    writer.writeVerdicts(List.of(polar(d1, "salt", "blood pressure", Polarity.INCREASES),
        polar(d2, "salt", "blood pressure", Polarity.INCREASES), polar(d3, "exercise", "blood pressure",
            Polarity.DECREASES)));
    long salt = edge("salt", "blood pressure");
    assertEquals("increases", queries().edge(salt).orElseThrow().polarity());
    assertEquals("decreases", queries().edge(edge("exercise", "blood pressure")).orElseThrow().polarity());
    assertFalse(flags("salt", "blood pressure").contains("polarity_conflict"));

    writer.writeVerdicts(List.of(polar(d3, "salt", "blood pressure", Polarity.DECREASES)));
    assertTrue(flags("salt", "blood pressure").contains("polarity_conflict"), "two say it raises, one that it lowers");
    assertEquals("increases", queries().edge(salt).orElseThrow().polarity(), "the majority stands");

    assertEquals("decreases", reviews.setPolarity(salt, Polarity.DECREASES, "ana", "read the methods"));
    var view = queries().edge(salt).orElseThrow();
    assertEquals("decreases", view.polarity());
    assertTrue(view.polaritySet());
    assertEquals("increases", reviews.setPolarity(salt, null, "ana", null), "back to what the evidence says");
    assertEquals("polarity", reviews.log("ana", 1).get(0).action());
  }

  private static Verdict polar(String docId, String cause, String effect, Polarity polarity) {
    Verdict v = causal(docId, "cue-p", cause, effect, 0.9);
    return new Verdict(v.evidenceId() + polarity.wire(), v.pairId(), v.documentId(), v.unitId(), v.sentences(),
        v.label(), v.probability(), v.judgeId(), v.judgeVersion(), v.cause(), v.effect(), v.causeVariable(),
        v.effectVariable(), v.explanation(), v.qualifiers(), null, null, null, polarity);
  }

  private static org.causalworkbench.graph.query.GraphQueries queries() {
    return new org.causalworkbench.graph.query.GraphQueries(database.dataSource());
  }

  @Test
  void reversingAnEdgeAcceptsTheOppositeOneWithTheEvidence() throws SQLException {
    String d = doc("six");
    writer.writeVerdicts(List.of(causal(d, "cue-d", "h1", "k1", 0.9)));
    long original = edge("h1", "k1");
    ReviewService.Outcome o = reviews.reviewEdge(original, ReviewService.EdgeDecision.REVERSE, "ana", "other way");
    assertEquals(edge("k1", "h1"), o.edgeId());
    assertEquals("accepted", o.state());
    assertEquals(1.0, belief("k1", "h1"));
    assertEquals("reversed", row("h1", "k1", "review_state"));
    assertEquals(0.0, belief("h1", "k1"));
    assertEquals(o.edgeId(), ((Number) row("h1", "k1", "reversed_to")).longValue());
    assertEquals(1, ((Number) row("k1", "h1", "evidence_count")).intValue(), "the evidence followed");
  }

  @Test
  void edgesOnADirectedCycleAreFlaggedUntilTheCycleIsBroken() throws SQLException {
    String d = doc("seven");
    writer.writeVerdicts(List.of(causal(d, "cue-d", "m1", "m2", 0.9), causal(d, "cue-d", "m2", "m3", 0.9),
        causal(d, "cue-d", "m3", "m1", 0.9), causal(d, "cue-d", "m3", "m4", 0.9)));
    org.causalworkbench.graph.score.CycleFlagger.refresh(database.dataSource(), java.util.EnumSet.allOf(org.causalworkbench.graph.score.EdgeFlag.class));
    for (String[] e : new String[][] {{"m1", "m2"}, {"m2", "m3"}, {"m3", "m1"}}) {
      assertTrue(flags(e[0], e[1]).contains("in_cycle"), e[0] + "->" + e[1] + " " + flags(e[0], e[1]));
      assertEquals("needs_review", row(e[0], e[1], "review_state"));
    }
    assertTrue(!flags("m3", "m4").contains("in_cycle"), "m3->m4 leaves the cycle");
    // a later re-score keeps the flag
    writer.writeVerdicts(List.of(causal(doc("eight"), "cue-d", "m1", "m2", 0.8)));
    assertTrue(flags("m1", "m2").contains("in_cycle"));
    // A new edge inside the component is flagged as it is written; one that closes a new cycle
    // through m4 waits for the next pass.
    writer.writeVerdicts(List.of(causal(doc("eight"), "cue-d", "m2", "m1", 0.8),
        causal(doc("eight"), "cue-d", "m4", "m1", 0.8)));
    assertTrue(flags("m2", "m1").contains("in_cycle"), flags("m2", "m1").toString());
    assertTrue(!flags("m4", "m1").contains("in_cycle"), flags("m4", "m1").toString());
    org.causalworkbench.graph.score.CycleFlagger.refresh(database.dataSource(), java.util.EnumSet.allOf(org.causalworkbench.graph.score.EdgeFlag.class));
    assertTrue(flags("m4", "m1").contains("in_cycle") && flags("m3", "m4").contains("in_cycle"));

    for (String[] e : new String[][] {{"m3", "m1"}, {"m2", "m1"}, {"m4", "m1"}}) {
      reviews.reviewEdge(edge(e[0], e[1]), ReviewService.EdgeDecision.REJECT, "ana", "no loop");
    }
    org.causalworkbench.graph.score.CycleFlagger.refresh(database.dataSource(), java.util.EnumSet.allOf(org.causalworkbench.graph.score.EdgeFlag.class));
    assertTrue(!flags("m1", "m2").contains("in_cycle"), flags("m1", "m2").toString());
    assertTrue(!flags("m2", "m3").contains("in_cycle"));
  }

  private static List<String> flags(String cause, String effect) throws SQLException {
    return java.util.Arrays.asList((String[]) ((java.sql.Array) row(cause, effect, "flags")).getArray());
  }

  @Test
  void pathsNeighboursChangesAndTheQueue() throws SQLException {
    java.time.Instant before = java.time.Instant.now().minusMillis(5);
    String d1 = doc("nine");
    String d2 = doc("ten");
    // n1 -> n2 -> n3 strongly (two documents each), n1 -> n3 weakly (one sentence at p 0.5)
    writer.writeVerdicts(List.of(causal(d1, "cue-n", "n1", "n2", 1.0), causal(d2, "cue-n", "n1", "n2", 1.0),
        causal(d1, "cue-n", "n2", "n3", 1.0), causal(d2, "cue-n", "n2", "n3", 1.0),
        causal(d1, "cue-n", "n1", "n3", 0.5)));
    var navigator = new org.causalworkbench.graph.query.GraphNavigator(database.dataSource());
    var paths = navigator.paths("n1", "n3", 3, 0, 10);
    assertEquals(2, paths.size());
    assertEquals(List.of("n1", "n2"), List.of(paths.get(0).links().get(0).cause(), paths.get(0).links().get(1).cause()),
        "the two strong edges beat the one weak one");
    assertEquals(belief("n1", "n2") * belief("n2", "n3"), paths.get(0).strength(), 1e-9);
    assertEquals(1, navigator.paths("n1", "n3", 1, 0, 10).size(), "length 1 allows only the direct edge");
    assertEquals(paths.get(0), navigator.strongestPath("n1", "n3", 3).orElseThrow());
    assertEquals(0, navigator.paths("n3", "n1", 3, 0, 10).size(), "paths follow the arrows");
    // A loop n2 -> n4 -> n2 and a detour n4 -> n3: n1 n2 n4 n3 is a path, n1 n2 n4 n2 n3 is not (n2 twice).
    writer.writeVerdicts(List.of(causal(d1, "cue-n", "n2", "n4", 0.9), causal(d1, "cue-n", "n4", "n2", 0.9),
        causal(d2, "cue-n", "n4", "n3", 0.9)));
    var longer = navigator.paths("n1", "n3", 4, 0, 10);
    assertEquals(3, longer.size(), longer.toString());
    assertTrue(longer.stream().allMatch(p -> p.links().stream().map(l -> l.cause()).distinct().count()
        == p.links().size()), "no variable twice");
    var around = navigator.neighbours("n2", 0, 100);
    assertEquals(4, around.size(), "n1>n2, n2>n3, n2>n4, n4>n2");
    List<Double> strongestFirst = java.util.stream.Stream.of(belief("n1", "n2"), belief("n2", "n3"),
        belief("n2", "n4"), belief("n4", "n2")).sorted(java.util.Comparator.reverseOrder()).toList();
    assertEquals(strongestFirst, around.stream().map(l -> l.belief()).toList(), "strongest first");
    assertEquals(around.subList(0, 2), navigator.neighbours("n2", 0, 2), "a limit keeps the strongest");
    assertThrows(org.causalworkbench.graph.store.NotFoundException.class, () -> navigator.neighbours("n9", 0, 10));
    assertTrue(navigator.changedSince(before, 1000).stream().map(l -> l.cause() + ">" + l.effect()).toList()
        .containsAll(List.of("n1>n2", "n2>n3", "n1>n3")));
    assertTrue(navigator.subgraph(0.9, 1000).stream().noneMatch(l -> l.cause().equals("n1") && l.effect().equals("n3")));

    var reviewQueue = new ReviewQueue(database.dataSource());
    var queue = reviewQueue.page(ReviewQueue.Scope.UNDECIDED, 1000, null).items();
    assertEquals(queue.size(), reviewQueue.counts().undecided(), "the count is the queue's whole length");
    assertEquals(1, reviewQueue.page(ReviewQueue.Scope.UNDECIDED, 1, null).items().size());
    // n2 -> n4 and a4 -> b4: one document each, beliefs within 0.01; the first has evidence the other way.
    int contested = -1;
    int plain = -1;
    for (int i = 0; i < queue.size(); i++) {
      if (queue.get(i).edgeId() == edge("n2", "n4")) contested = i;
      if (queue.get(i).edgeId() == edge("a4", "b4")) plain = i;
    }
    assertTrue(contested >= 0 && plain >= 0 && contested < plain,
        "evidence against an edge puts it before one as doubtful without: " + queue);
    assertEquals(List.of("conflict", "documents"),
        queue.get(contested).reasons().stream().map(r -> r.term()).toList(), "its reasons, largest first");
    assertEquals("evidence for the opposite direction", queue.get(contested).reasons().get(0).text());
    for (int i = 1; i < queue.size(); i++) {
      assertTrue(queue.get(i - 1).priority() >= queue.get(i).priority());
    }
  }

  /**
   * Once the recalibration after the reviews has run, every edge holds what re-scoring the whole
   * graph from scratch gives (checked inside a transaction that is rolled back).
   */
  private static void assertEveryEdgeRecalibrated() throws SQLException {
    try {
      assertTrue(reviews.recalibration().awaitIdle(java.time.Duration.ofSeconds(30)), "recalibration ended");
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    String columns = "SELECT id, belief, flags::text || ' ' || review_state || ' ' || evidence_count || ' '"
        + " || document_count || ' ' || round(priority::numeric, 9) FROM edges ORDER BY id";
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      Map<Long, Double> belief = new java.util.HashMap<>();
      Map<Long, String> rest = new java.util.HashMap<>();
      try (PreparedStatement s = c.prepareStatement(columns); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          belief.put(rs.getLong(1), rs.getDouble(2));
          rest.put(rs.getLong(1), rs.getString(3));
        }
      }
      scorer.withReviews(PostgresGraphWriter.reviewCounts(c)).rescore(c, belief.keySet(), false);
      try (PreparedStatement s = c.prepareStatement(columns); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          assertEquals(rs.getDouble(2), belief.get(rs.getLong(1)), 1e-9, "belief of edge " + rs.getLong(1));
          assertEquals(rs.getString(3), rest.get(rs.getLong(1)),
              "flags, state, counts and priority of " + rs.getLong(1));
        }
      }
      assertTrue(!belief.isEmpty());
      c.rollback();
    }
  }

}
