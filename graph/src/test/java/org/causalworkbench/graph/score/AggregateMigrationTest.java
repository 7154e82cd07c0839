package org.causalworkbench.graph.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.causalworkbench.graph.embedded.EmbeddedPostgres;
import org.causalworkbench.graph.store.Database;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph stored before V10 gets its edges' aggregates from the migration's backfill; scored from
 * them, every edge equals the same edge scored after its aggregates were rebuilt from its evidence
 * by {@link EdgeScorer}'s own fold.
 */
class AggregateMigrationTest {

  @TempDir Path dir;

  @Test
  void backfilledAggregatesScoreAsRebuiltOnes() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("pg"))) {
      Flyway.configure(getClass().getClassLoader()).dataSource(postgres.jdbcUrl(), postgres.user(), "")
          .locations("classpath:db/migration").target("9").load().migrate();
      try (Connection c = java.sql.DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "")) {
        writeOldGraph(c, new Random(7));
      }
      try (Database database = Database.open(postgres.jdbcUrl(), postgres.user(), "", 2);
          Connection c = database.dataSource().getConnection()) {
        c.setAutoCommit(false);
        EdgeScorer scorer = new EdgeScorer(new JudgeRates(Map.of("cue", new JudgePrior(0.05, 0.3)),
            new JudgePrior(0.1, 0.4)), 0.5);
        Set<Long> edges = new TreeSet<>(ids(c, "SELECT id FROM edges"));
        assertTrue(edges.size() > 10, "edges: " + edges.size());
        scorer.rescoreStored(c, edges);
        Map<Long, List<Object>> backfilled = snapshot(c);
        scorer.rescore(c, edges, false);
        Map<Long, List<Object>> rebuilt = snapshot(c);
        c.commit();
        assertEquals(rebuilt.keySet(), backfilled.keySet());
        for (Long edge : rebuilt.keySet()) {
          List<Object> a = backfilled.get(edge);
          List<Object> b = rebuilt.get(edge);
          assertEquals((double) b.get(0), (double) a.get(0), 1e-9, "belief of edge " + edge);
          assertEquals(b.subList(1, b.size()), a.subList(1, a.size()), "counts and flags of edge " + edge);
        }
      }
    }
  }

  /** Variables v0..v4, edges between them, evidence with reviews, hedges, negations and disagreements. */
  private static void writeOldGraph(Connection c, Random random) throws SQLException {
    for (int v = 0; v < 5; v++) {
      exec(c, "INSERT INTO variables (name) VALUES ('v" + v + "')");
      exec(c, "INSERT INTO surface_forms (name, variable_id, head) SELECT name, id, name FROM variables"
          + " WHERE name = 'v" + v + "'");
    }
    String[] judges = {"cue", "tagger"};
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO evidence (id, document_id, unit_id, pair_id,"
        + " sentence_indexes, label, probability, judge_id, judge_version, cause_begin, cause_end, cause_text,"
        + " effect_begin, effect_end, effect_text, cause_variable, effect_variable, edge_id, explanation, qualifiers,"
        + " review) VALUES (?, ?, 'u', ?, ?::int[], ?, ?, ?, '1', 0, 1, 'a', 2, 3, 'b', ?, ?,"
        + " (SELECT e.id FROM edges e JOIN variables a ON a.id = e.cause_id JOIN variables b ON b.id = e.effect_id"
        + "  WHERE a.name = ? AND b.name = ? AND ?), '', ?::text[], ?)")) {
      for (int i = 0; i < 300; i++) {
        int a = random.nextInt(5);
        int b = (a + 1 + random.nextInt(4)) % 5;
        boolean negated = random.nextDouble() < 0.1;
        String cause = "v" + a;
        String effect = "v" + b;
        if (!negated) {
          exec(c, "INSERT INTO edges (cause_id, effect_id) SELECT a.id, b.id FROM variables a, variables b"
              + " WHERE a.name = '" + cause + "' AND b.name = '" + effect + "' ON CONFLICT DO NOTHING");
        }
        insert.setString(1, "e" + i);
        insert.setString(2, "d" + random.nextInt(30));
        // Every fifth sentence is another judge's answer on an earlier pair.
        insert.setString(3, i % 5 == 4 ? "p" + (i - 1) : "p" + i);
        insert.setString(4, random.nextDouble() < 0.2 ? "{0,1}" : "{0}");
        insert.setString(5, negated ? "none" : "cause_to_effect");
        insert.setDouble(6, random.nextDouble());
        insert.setString(7, judges[random.nextInt(judges.length)]);
        insert.setString(8, cause);
        insert.setString(9, effect);
        insert.setString(10, cause);
        insert.setString(11, effect);
        insert.setBoolean(12, !negated);
        insert.setString(13, negated ? "{negated}" : random.nextDouble() < 0.1 ? "{hedged}" : "{}");
        double r = random.nextDouble();
        insert.setString(14, negated || r > 0.15 ? null : r < 0.07 ? "accepted" : "rejected");
        insert.executeUpdate();
      }
    }
  }

  private static Map<Long, List<Object>> snapshot(Connection c) throws SQLException {
    Map<Long, List<Object>> out = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id, belief, evidence_count, document_count,"
        + " single_sentence_count, qualified_count, judges_disagree, flags::text, review_state, priority FROM edges");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getLong(1), List.of(rs.getDouble(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6),
            rs.getBoolean(7), rs.getString(8), rs.getString(9), Math.round(rs.getDouble(10) * 1e6)));
      }
    }
    return out;
  }

  private static List<Long> ids(Connection c, String sql) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.executeUpdate();
    }
  }
}
