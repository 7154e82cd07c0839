package org.causalworkbench.graph.score;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.causalworkbench.graph.store.EdgesVacuum;
import org.causalworkbench.graph.store.StoreException;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.GabowStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Sets the {@code in_cycle} flag: an edge is on a directed cycle exactly when its cause and effect
 * lie in the same strongly connected component of the graph of edges nobody rejected (Gabow's
 * algorithm, linear in the edges). Cycles are a global property, so this runs over the whole graph
 * (the job's graph sink calls it at most every {@code graph.cycle-refresh-ms} and at the end of
 * input) rather than per written batch. A newly flagged unreviewed edge becomes
 * {@code needs_review}; an edge that loses its last flag goes back to {@code unreviewed}. The same
 * pass recounts the variables' degrees ({@link VariableDegrees}).
 */
public final class CycleFlagger {

  private CycleFlagger() {}

  /**
   * Each vertex's strongly connected component: an index, negative for a component of one vertex.
   * Gabow's search recurses once per vertex along a path, and a long chain in a graph of 100,000
   * variables overflows a default thread stack; so it runs on a thread whose stack fits the graph.
   */
  static Map<Long, Integer> components(Graph<Long, DefaultEdge> graph) {
    Map<Long, Integer> component = new HashMap<>();
    Throwable[] failure = new Throwable[1];
    Runnable search = () -> {
      try {
        int index = 0;
        for (Set<Long> scc : new GabowStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
          for (Long v : scc) {
            component.put(v, scc.size() > 1 ? index : -1 - index);
          }
          index++;
        }
      } catch (Throwable t) {
        failure[0] = t;
      }
    };
    long stackBytes = Math.max(8L << 20, 2048L * graph.vertexSet().size());
    Thread thread = new Thread(null, search, "cycle-search", stackBytes);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking for cycles", e);
    }
    if (failure[0] instanceof RuntimeException r) {
      throw r;
    } else if (failure[0] != null) {
      throw new IllegalStateException("cycle search failed: " + failure[0], failure[0]);
    }
    return component;
  }

  /**
   * Keeps each variable's component for the writers (see {@code EdgeScorer}), named by its smallest
   * member so that a component the pass finds again keeps its name and its rows stay as they are.
   */
  private static void storeComponents(Connection c, Map<Long, Integer> component) throws SQLException {
    Map<Integer, Long> smallest = new HashMap<>();
    for (Map.Entry<Long, Integer> v : component.entrySet()) {
      if (v.getValue() >= 0) {
        smallest.merge(v.getValue(), v.getKey(), Math::min);
      }
    }
    List<Long> ids = new ArrayList<>();
    List<Long> names = new ArrayList<>();
    for (Map.Entry<Long, Integer> v : component.entrySet()) {
      if (v.getValue() >= 0) {
        ids.add(v.getKey());
        names.add(smallest.get(v.getValue()));
      }
    }
    try (PreparedStatement clear = c.prepareStatement(
            "UPDATE variables SET component = NULL WHERE component IS NOT NULL AND NOT (id = ANY (?))");
        PreparedStatement set = c.prepareStatement("UPDATE variables v SET component = t.component"
            + " FROM unnest(?::bigint[], ?::bigint[]) AS t(id, component)"
            + " WHERE v.id = t.id AND v.component IS DISTINCT FROM t.component")) {
      java.sql.Array members = c.createArrayOf("bigint", ids.toArray());
      clear.setArray(1, members);
      clear.executeUpdate();
      set.setArray(1, members);
      set.setArray(2, c.createArrayOf("bigint", names.toArray()));
      set.executeUpdate();
    }
  }

  /**
   * Refreshes the flag on every edge, and the state of the undecided ones when {@code reviewFlags}
   * (those that send an edge to review) holds it; returns how many edges are on a cycle.
   */
  public static int refresh(DataSource dataSource, java.util.Set<EdgeFlag> reviewFlags) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<long[]> edges = new ArrayList<>();
        long rewritten = 0;
        Graph<Long, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        try (PreparedStatement s = c.prepareStatement("SELECT id, cause_id, effect_id FROM edges"
            + " WHERE review_state NOT IN ('rejected', 'reversed')");
            ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            long[] e = {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            edges.add(e);
            graph.addVertex(e[1]);
            graph.addVertex(e[2]);
            graph.addEdge(e[1], e[2]);
          }
        }
        Map<Long, Integer> component = components(graph);
        List<Long> inCycle = new ArrayList<>();
        for (long[] e : edges) {
          int a = component.get(e[1]);
          if (a >= 0 && a == component.get(e[2])) {
            inCycle.add(e[0]);
          }
        }
        // The flag is no term of the priority (ReviewPriority); it sends an edge to review when configured to.
        String state = " review_state = CASE WHEN review_state IN ('needs_review', 'unreviewed') THEN"
            + " CASE WHEN %s && ?::text[] THEN 'needs_review' ELSE 'unreviewed' END ELSE review_state END,";
        try (PreparedStatement add = c.prepareStatement("UPDATE edges SET flags = array_append(flags, 'in_cycle'),"
            + state.formatted("array_append(flags, 'in_cycle')")
            + " updated_at = now() WHERE id = ANY (?) AND NOT ('in_cycle' = ANY (flags))");
            PreparedStatement remove = c.prepareStatement("UPDATE edges SET flags = array_remove(flags, 'in_cycle'),"
                + state.formatted("array_remove(flags, 'in_cycle')") + " updated_at = now()"
                + " WHERE 'in_cycle' = ANY (flags) AND NOT (id = ANY (?))")) {
          java.sql.Array ids = c.createArrayOf("bigint", inCycle.toArray());
          java.sql.Array review = c.createArrayOf("text", reviewFlags.stream().map(EdgeFlag::wire).toArray());
          for (PreparedStatement s : List.of(add, remove)) {
            s.setArray(1, review);
            s.setArray(2, ids);
            rewritten += s.executeUpdate();
          }
        }
        storeComponents(c, component);
        VariableDegrees.refresh(c);
        c.commit();
        EdgesVacuum.afterRewrite(c, rewritten, edges.size());
        return inCycle.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot refresh the in_cycle flags", e);
    }
  }
}
