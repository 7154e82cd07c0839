package org.causalworkbench.graph.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
import org.causalworkbench.graph.review.ReviewService;
import org.causalworkbench.graph.store.Database;
import org.causalworkbench.graph.store.PostgresGraphWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored belief, counts, flags and states of random graphs equal {@link ReferenceBelief}'s,
 * computed in Java from the verdicts and reviews the test itself made: evidence from configured and
 * unknown judges over a few variables (so edges meet their reverses), negations, hedges,
 * cross-sentence units, failed answers, judges that disagree on a pair, one edge with 1,200
 * documents, written in batches of random size, then reviews of edges and of single sentences,
 * a tenth of the verdicts written after them, and the recalibration the reviews set off.
 */
class EdgeScorerPropertyTest {

  private static final JudgeRates RATES = new JudgeRates(Map.of("cue", new JudgePrior(0.05, 0.3),
      "llm", new JudgePrior(0.1, 0.2)), new JudgePrior(0.1, 0.4), 10, Map.of());
  private static final double LOW_BELIEF = 0.5;
  /** As configured by default: one document, or only cross-sentence evidence, does not send an edge to review. */
  private static final Set<EdgeFlag> REVIEW_FLAGS = EnumSet.complementOf(EnumSet.of(EdgeFlag.SINGLE_DOCUMENT,
      EdgeFlag.CROSS_SENTENCE_ONLY));
  private static final String[] JUDGES = {"cue", "llm", "other"};

  @TempDir static Path dir;
  static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgres.start(dir.resolve("pg"));
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @Test
  void storedScoresEqualTheReferenceOnRandomGraphs() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      checkGraph(seed);
    }
  }

  /** One stored verdict and what the reviews did to it. */
  private static final class Row {
    final Verdict verdict;
    String review;

    Row(Verdict verdict) {
      this.verdict = verdict;
    }

    boolean causal() {
      return verdict.label() == CausalLabel.CAUSE_TO_EFFECT && verdict.failure() == null;
    }

    boolean counts() {
      return !"rejected".equals(review);
    }
  }

  private void checkGraph(long seed) throws Exception {
    Random random = new Random(seed);
    // A database of its own per graph.
    String name = "graph" + seed;
    try (Connection admin = java.sql.DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
        java.sql.Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    String url = postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1) + name;
    try (Database database = Database.open(url, postgres.user(), "", 4)) {
      EdgeScorer scorer = new EdgeScorer(RATES, LOW_BELIEF, REVIEW_FLAGS);
      PostgresGraphWriter writer = new PostgresGraphWriter(database.dataSource(), scorer);
      List<String> documents = new ArrayList<>();
      List<ProcessedDocument> written = new ArrayList<>();
      for (int d = 0; d < 1_200; d++) {
        String text = "document " + seed + "/" + d;
        Document doc = new Document(ContentIds.documentId(text), "t.txt", "", text, Map.of());
        written.add(new ProcessedDocument(doc, List.of(new Sentence(doc.id(), 0, 0, text.length(), text, List.of(),
            List.of())), 1, 1, 1));
        documents.add(doc.id());
      }
      writer.writeDocuments(written);

      List<Row> rows = new ArrayList<>();
      int[] at = {0};
      // The hub edge: 1,200 documents, two judges.
      for (String document : documents) {
        rows.add(new Row(verdict(at, document, random.nextBoolean() ? "cue" : "llm", "hub cause", "hub effect",
            0.5 + random.nextDouble() / 2, CausalLabel.CAUSE_TO_EFFECT, Set.of(), false, null, null)));
      }
      String[] names = {"a", "b", "c", "d", "e", "f"};
      for (int i = 0; i < 600; i++) {
        String cause = names[random.nextInt(names.length)];
        String effect = names[random.nextInt(names.length)];
        if (cause.equals(effect)) {
          continue;
        }
        String document = documents.get(random.nextInt(40));
        String judge = JUDGES[random.nextInt(JUDGES.length)];
        double kind = random.nextDouble();
        Verdict v;
        if (kind < 0.7) {
          Set<Qualifier> qualifiers = random.nextDouble() < 0.1 ? Set.of(Qualifier.HEDGED) : Set.of();
          v = verdict(at, document, judge, cause, effect, random.nextDouble(), CausalLabel.CAUSE_TO_EFFECT, qualifiers,
              random.nextDouble() < 0.2, null, null);
        } else if (kind < 0.8) {
          v = verdict(at, document, judge, cause, effect, random.nextDouble(), CausalLabel.NONE,
              Set.of(Qualifier.NEGATED), false, null, null);
        } else if (kind < 0.85) {
          v = verdict(at, document, judge, cause, effect, 0, CausalLabel.UNKNOWN, Set.of(), false, "timeout", null);
        } else if (!rows.isEmpty()) {
          // Another judge's answer on an earlier pair: a disagreement when the labels differ.
          Verdict earlier = rows.get(rows.size() - 1 - random.nextInt(Math.min(rows.size(), 200))).verdict;
          String other = JUDGES[(List.of(JUDGES).indexOf(earlier.judgeId()) + 1) % JUDGES.length];
          v = verdict(at, earlier.documentId(), other, earlier.causeVariable(), earlier.effectVariable(),
              random.nextDouble(), random.nextBoolean() ? CausalLabel.NONE : CausalLabel.CAUSE_TO_EFFECT, Set.of(),
              false, null, earlier.pairId());
        } else {
          continue;
        }
        rows.add(new Row(v));
      }
      java.util.Collections.shuffle(rows, random);
      // A tenth arrives after the reviews, onto sums kept at the judges' earlier rates.
      List<Row> late = new ArrayList<>(rows.subList(rows.size() - rows.size() / 10, rows.size()));
      rows.removeAll(late);
      write(writer, rows, random);

      Map<String, String> edgeState = new HashMap<>();
      assertStoredEqualsReference(database, rows, rows, edgeState, "seed " + seed + ", as written");
      Map<String, Long> edgeIds = edgeIds(database);
      // The judges' review counts are taken when a decision is made: of the evidence there then.
      List<Row> reviewed = List.copyOf(rows);
      try (ReviewService reviews = new ReviewService(database.dataSource(), scorer)) {
        List<Row> causal = rows.stream().filter(Row::causal).toList();
        for (int i = 0; i < 15; i++) {
          Row r = causal.get(random.nextInt(causal.size()));
          ReviewService.EvidenceDecision decision = random.nextBoolean() ? ReviewService.EvidenceDecision.ACCEPT
              : ReviewService.EvidenceDecision.REJECT;
          reviews.reviewEvidence(r.verdict.evidenceId(), decision, "ana", null);
          r.review = decision == ReviewService.EvidenceDecision.ACCEPT ? "accepted" : "rejected";
        }
        List<String> keys = new ArrayList<>(new TreeSet<>(edgeIds.keySet()));
        for (int i = 0; i < 4; i++) {
          String key = keys.get(random.nextInt(keys.size()));
          ReviewService.EdgeDecision decision = random.nextBoolean() ? ReviewService.EdgeDecision.ACCEPT
              : ReviewService.EdgeDecision.REJECT;
          reviews.reviewEdge(edgeIds.get(key), decision, "ben", null);
          edgeState.put(key, decision == ReviewService.EdgeDecision.ACCEPT ? "accepted" : "rejected");
        }
        // While the recalibration may still run.
        write(writer, late, random);
        assertTrue(reviews.recalibration().awaitIdle(Duration.ofSeconds(60)), "recalibration ended");
      }
      rows.addAll(late);

      assertStoredEqualsReference(database, rows, reviewed, edgeState, "seed " + seed + ", after the reviews");
      assertQueueInPriorityOrder(database, scorer, "seed " + seed);
    }
  }

  private static void write(PostgresGraphWriter writer, List<Row> rows, Random random) {
    for (int from = 0; from < rows.size(); ) {
      int size = 1 + random.nextInt(60);
      writer.writeVerdicts(rows.subList(from, Math.min(rows.size(), from + size)).stream().map(r -> r.verdict)
          .toList());
      from += size;
    }
  }

  /**
   * With degrees counted and every edge scored again, the queue read page by page lists the
   * undecided edges by the priority formula computed here from the stored edges.
   */
  private static void assertQueueInPriorityOrder(Database database, EdgeScorer scorer, String what)
      throws SQLException {
    List<long[]> ends = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      VariableDegrees.refresh(c);
      Set<Long> all = new TreeSet<>();
      try (PreparedStatement s = c.prepareStatement("SELECT id, cause_id, effect_id FROM edges");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          all.add(rs.getLong(1));
          ends.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
        }
      }
      scorer.withReviews(PostgresGraphWriter.reviewCounts(c)).rescore(c, all, false);
      c.commit();
    }
    Map<Long, Integer> degree = new HashMap<>();
    for (long[] e : ends) {
      degree.merge(e[1], 1, Integer::sum);
      degree.merge(e[2], 1, Integer::sum);
    }
    Map<Long, Double> priority = new HashMap<>();
    List<Long> waiting = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT id, cause_id, effect_id, belief, flags,"
            + " document_count, review_state FROM edges WHERE review_state IN ('unreviewed', 'needs_review')");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        int others = degree.get(rs.getLong(2)) + degree.get(rs.getLong(3)) - 2;
        List<String> flags = List.of((String[]) rs.getArray(5).getArray());
        int conflict = (flags.contains("both_directions") ? 1 : 0) + (flags.contains("polarity_conflict") ? 1 : 0);
        int disagreement = (flags.contains("judges_disagree") ? 2 : 0) + (flags.contains("reasoning_failed") ? 1 : 0);
        priority.put(rs.getLong(1), 3 * (1 - 2 * Math.abs(rs.getDouble(4) - 0.5)) + 2 * conflict + disagreement
            + Math.log(1 + rs.getInt(6)) + Math.log(1 + others));
        if (rs.getString(7).equals("needs_review")) {
          waiting.add(rs.getLong(1));
        }
      }
    }
    waiting.sort(java.util.Comparator.<Long>comparingDouble(priority::get).reversed().thenComparing(id -> id));
    org.causalworkbench.graph.review.ReviewQueue queue = new org.causalworkbench.graph.review.ReviewQueue(
        database.dataSource());
    List<Long> paged = new ArrayList<>();
    String after = null;
    do {
      org.causalworkbench.graph.query.Page<org.causalworkbench.graph.review.ReviewQueue.Item> page =
          queue.page(org.causalworkbench.graph.review.ReviewQueue.Scope.FLAGGED, 7, after);
      page.items().forEach(i -> paged.add(i.edgeId()));
      after = page.next();
    } while (after != null);
    // Ties within rounding may swap; the priorities in queue order must not rise.
    assertTrue(waiting.size() > 5, what + ": flagged edges " + waiting.size());
    assertEquals(Set.copyOf(waiting), Set.copyOf(paged), what + ": the queue holds every flagged edge once");
    assertEquals(waiting.size(), paged.size(), what + ": no edge twice");
    for (int i = 1; i < paged.size(); i++) {
      assertTrue(priority.get(paged.get(i)) <= priority.get(paged.get(i - 1)) + 1e-9,
          what + ": queue position " + i);
    }
  }

  /** Every stored edge against the reference, with the judges' rates after these reviews. */
  private static void assertStoredEqualsReference(Database database, List<Row> rows, List<Row> reviewed,
      Map<String, String> edgeState, String stage) throws SQLException {
    ReferenceBelief reference = new ReferenceBelief(RATES.withReviews(reviewCounts(reviewed, edgeState)), LOW_BELIEF);
    Map<String, Object[]> stored = storedEdges(database);
    assertTrue(stored.size() > 20, "edges: " + stored.size());
    assertTrue(stored.containsKey("hub cause>hub effect"));
    for (Map.Entry<String, Object[]> edge : stored.entrySet()) {
      String[] pair = edge.getKey().split(">", 2);
      List<Row> own = rows.stream().filter(r -> r.causal() && r.counts() && names(r).equals(List.of(pair[0],
          pair[1]))).toList();
      List<ReferenceBelief.Point> support = own.stream().map(EdgeScorerPropertyTest::point).toList();
      List<ReferenceBelief.Point> against = rows.stream().filter(r -> r.counts()
          && (r.causal() && names(r).equals(List.of(pair[1], pair[0]))
          || r.verdict.label() == CausalLabel.NONE && r.verdict.qualifiers().contains(Qualifier.NEGATED)
          && Set.copyOf(names(r)).equals(Set.of(pair[0], pair[1])))).map(EdgeScorerPropertyTest::point).toList();
      boolean reverse = rows.stream().anyMatch(r -> r.causal() && r.counts()
          && names(r).equals(List.of(pair[1], pair[0])));
      boolean unanswered = rows.stream().anyMatch(r -> r.verdict.failure() != null
          && Set.copyOf(names(r)).equals(Set.of(pair[0], pair[1])));
      boolean disagree = rows.stream().filter(r -> r.causal() && names(r).equals(List.of(pair[0], pair[1])))
          .anyMatch(v -> rows.stream().anyMatch(u -> u.verdict.failure() == null
              && u.verdict.pairId().equals(v.verdict.pairId()) && !u.verdict.judgeId().equals(v.verdict.judgeId())
              && u.verdict.label() != v.verdict.label()));
      Set<EdgeFlag> flags = reference.flags(support, against,
          new ReferenceBelief.Context(reverse, unanswered, disagree, false));
      String decided = edgeState.get(edge.getKey());
      double belief = decided == null ? reference.belief(support, against) : decided.equals("accepted") ? 1 : 0;
      boolean toReview = flags.stream().anyMatch(REVIEW_FLAGS::contains);
      String state = decided != null ? decided : toReview ? "needs_review" : "unreviewed";
      Object[] actual = edge.getValue();
      String what = stage + ", edge " + edge.getKey();
      assertEquals(belief, (double) actual[0], 1e-9, what + ": belief");
      assertEquals(state, actual[1], what + ": state");
      assertEquals(own.size(), actual[2], what + ": evidence count");
      assertEquals((int) own.stream().map(r -> r.verdict.documentId()).distinct().count(), actual[3],
          what + ": document count");
      if (decided == null) {
        assertEquals(flags, actual[4], what + ": flags");
      }
    }
  }

  private static List<String> names(Row r) {
    return List.of(r.verdict.causeVariable(), r.verdict.effectVariable());
  }

  private static ReferenceBelief.Point point(Row r) {
    return new ReferenceBelief.Point(r.verdict.judgeId(), r.verdict.documentId(),
        "accepted".equals(r.review) ? 1.0 : r.verdict.probability(), r.verdict.crossSentence(),
        !r.verdict.qualifiers().isEmpty(), r.verdict.polarity());
  }

  /**
   * Per judge: its sentences accepted, or unreviewed on an accepted edge, count correct; rejected,
   * or unreviewed on a rejected edge, incorrect.
   */
  private static Map<String, ReviewCounts> reviewCounts(List<Row> rows, Map<String, String> edgeState) {
    Map<String, int[]> counts = new HashMap<>();
    for (Row r : rows) {
      if (!r.causal()) {
        continue;
      }
      String edge = edgeState.get(r.verdict.causeVariable() + ">" + r.verdict.effectVariable());
      String verdict = r.review != null ? r.review : edge;
      if (verdict != null) {
        counts.computeIfAbsent(r.verdict.judgeId(), j -> new int[2])[verdict.equals("accepted") ? 0 : 1]++;
      }
    }
    return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> new ReviewCounts(e.getValue()[0], e.getValue()[1])));
  }

  private static Verdict verdict(int[] at, String document, String judge, String cause, String effect, double p,
      CausalLabel label, Set<Qualifier> qualifiers, boolean cross, String failure, String pairId) {
    int begin = at[0]++ * 10;
    Span c = new Span(begin, begin + 1, cause);
    Span e = new Span(begin + 2, begin + 3, effect);
    String pair = pairId != null ? pairId : document + "/p" + begin;
    // Polarity from the position, so that a few edges hear both directions.
    Polarity polarity = Polarity.values()[Math.floorMod(begin / 10 * 7, 5) % 3];
    return new Verdict(ContentIds.evidenceId(document, c, e, judge, "1"), pair, document, document + "/u" + begin,
        cross ? List.of(0, 1) : List.of(0), label, p, judge, "1", c, e, cause, effect, "test", qualifiers, failure,
        null, null, polarity);
  }

  private static Map<String, Long> edgeIds(Database database) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    query(database, rs -> out.put(rs.getString(2) + ">" + rs.getString(3), rs.getLong(1)));
    return out;
  }

  /** Belief, state, evidence count, document count and flags of every edge, by "cause>effect". */
  private static Map<String, Object[]> storedEdges(Database database) throws SQLException {
    Map<String, Object[]> out = new HashMap<>();
    query(database, rs -> {
      Set<EdgeFlag> flags = EnumSet.noneOf(EdgeFlag.class);
      for (String f : (String[]) rs.getArray(8).getArray()) {
        flags.add(EdgeFlag.valueOf(f.toUpperCase(java.util.Locale.ROOT)));
      }
      out.put(rs.getString(2) + ">" + rs.getString(3), new Object[] {rs.getDouble(4), rs.getString(5), rs.getInt(6),
          rs.getInt(7), flags});
    });
    return out;
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private static void query(Database database, RowReader reader) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT e.id, a.name, b.name, e.belief, e.review_state,"
            + " e.evidence_count, e.document_count, e.flags FROM edges e JOIN variables a ON a.id = e.cause_id"
            + " JOIN variables b ON b.id = e.effect_id");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        reader.read(rs);
      }
    }
  }
}
