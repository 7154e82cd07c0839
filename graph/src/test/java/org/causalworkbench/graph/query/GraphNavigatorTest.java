package org.causalworkbench.graph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.graph.embedded.EmbeddedPostgres;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.score.JudgePrior;
import org.causalworkbench.graph.score.JudgeRates;
import org.causalworkbench.graph.store.Database;
import org.causalworkbench.graph.store.PostgresGraphWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths between variables on a random graph, against every simple path the test enumerates
 * itself: the navigator reads strong edges first and the whole graph only when too few strong
 * paths exist, and either way must return the strongest paths there are.
 */
class GraphNavigatorTest {

  private static final int VARIABLES = 9;

  @TempDir static Path dir;
  static EmbeddedPostgres postgres;
  static Database database;

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgres.start(dir.resolve("pg"));
    database = Database.open(postgres.jdbcUrl(), postgres.user(), "", 2);
    PostgresGraphWriter writer = new PostgresGraphWriter(database.dataSource(), new EdgeScorer(new JudgeRates(
        Map.of("cue", new JudgePrior(0.05, 0.3), "llm", new JudgePrior(0.1, 0.2)), new JudgePrior(0.1, 0.4), 10,
        Map.of()), 0.5));
    // Beliefs from one to three documents at probabilities 0.3 to 1: some edges above 0.9, most below.
    Random random = new Random(7);
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      int a = random.nextInt(VARIABLES);
      int b = (a + 1 + random.nextInt(VARIABLES - 1)) % VARIABLES;
      int documents = 1 + random.nextInt(3);
      for (int d = 0; d < documents; d++) {
        verdicts.add(verdict("doc-" + i + "-" + d, random.nextBoolean() ? "cue" : "llm", name(a), name(b),
            0.3 + 0.7 * random.nextDouble(), i * 10 + d));
      }
    }
    writer.writeVerdicts(verdicts);
  }

  @AfterAll
  static void stop() {
    database.close();
    postgres.close();
  }

  private static String name(int i) {
    return "v" + i;
  }

  private static Verdict verdict(String doc, String judge, String cause, String effect, double p, int at) {
    Span c = new Span(at * 100, at * 100 + 2, cause);
    Span e = new Span(at * 100 + 50, at * 100 + 52, effect);
    return new Verdict(ContentIds.evidenceId(doc, c, e, judge, "1"), doc + "/p" + at, doc, doc + "/s0", List.of(0),
        CausalLabel.CAUSE_TO_EFFECT, p, judge, "1", c, e, cause, effect, "test", Set.of());
  }

  /** An edge as stored: the reference reads beliefs from the table, not from the navigator. */
  private record Edge(long id, String cause, String effect, double belief) {}

  private static List<Edge> edges() throws SQLException {
    List<Edge> out = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection(); var s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT e.id, a.name, b.name, e.belief FROM edges e"
            + " JOIN variables a ON a.id = e.cause_id JOIN variables b ON b.id = e.effect_id")) {
      while (rs.next()) {
        out.add(new Edge(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4)));
      }
    }
    return out;
  }

  /** Every simple path from {@code from} to {@code to}, by depth-first search: the products of their beliefs. */
  private static List<Double> reference(List<Edge> edges, String from, String to, int maxLength, double minBelief) {
    List<Double> strengths = new ArrayList<>();
    walk(edges, from, to, maxLength, minBelief, new HashSet<>(Set.of(from)), 1.0, 0, strengths);
    strengths.sort(Comparator.reverseOrder());
    return strengths;
  }

  private static void walk(List<Edge> edges, String at, String to, int maxLength, double minBelief, Set<String> seen,
      double strength, int length, List<Double> out) {
    if (at.equals(to) && length > 0) {
      out.add(strength);
      return;
    }
    if (length == maxLength) {
      return;
    }
    for (Edge e : edges) {
      if (e.cause().equals(at) && e.belief() >= minBelief && (e.effect().equals(to) || !seen.contains(e.effect()))) {
        seen.add(e.effect());
        walk(edges, e.effect(), to, maxLength, minBelief, seen, strength * e.belief(), length + 1, out);
        seen.remove(e.effect());
      }
    }
  }

  @Test
  void theStrongestPathsAreThoseThereAreWhicheverEdgesAreReadFirst() throws SQLException {
    List<Edge> edges = edges();
    assertTrue(edges.stream().anyMatch(e -> e.belief() >= 0.9) && edges.stream().anyMatch(e -> e.belief() < 0.5),
        "beliefs on both sides of the steps");
    GraphNavigator navigator = new GraphNavigator(database.dataSource());
    int compared = 0;
    int strongOnly = 0;
    int laterStep = 0;
    for (int a = 0; a < VARIABLES; a++) {
      for (int b = 0; b < VARIABLES; b++) {
        if (a == b) {
          continue;
        }
        for (double minBelief : new double[] {0, 0.6}) {
          List<Double> all = reference(edges, name(a), name(b), 3, minBelief);
          for (int limit : new int[] {1, 4, 100}) {
            List<GraphNavigator.Path> paths = navigator.paths(name(a), name(b), 3, minBelief, limit);
            List<Double> expected = all.subList(0, Math.min(limit, all.size()));
            assertEquals(expected.size(), paths.size(), name(a) + " -> " + name(b) + " limit " + limit);
            for (int i = 0; i < paths.size(); i++) {
              GraphNavigator.Path p = paths.get(i);
              assertEquals(expected.get(i), p.strength(), 1e-6, "strength " + i + " of " + name(a) + " -> " + name(b));
              assertEquals(name(a), p.links().get(0).cause());
              assertEquals(name(b), p.links().get(p.links().size() - 1).effect());
              double product = p.links().stream().mapToDouble(GraphNavigator.Link::belief).reduce(1, (x, y) -> x * y);
              assertEquals(product, p.strength(), 1e-6, "a path's strength is its beliefs' product");
            }
            compared++;
            if (!expected.isEmpty() && expected.size() == limit && expected.get(limit - 1) >= 0.9) {
              strongOnly++;
            } else if (!expected.isEmpty() && expected.size() == limit && expected.get(limit - 1) >= 0.4) {
              laterStep++;
            }
          }
        }
      }
    }
    assertTrue(strongOnly > 0, "some answers come from the strong edges alone (" + compared + " compared)");
    assertTrue(laterStep > 0, "some answers come from a later step, above 0.4 (" + compared + " compared)");
  }
}
