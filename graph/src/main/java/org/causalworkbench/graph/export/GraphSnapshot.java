package org.causalworkbench.graph.export;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.causalworkbench.graph.store.StoreException;
import org.causalworkbench.graph.score.EdgePolarity;

/**
 * The part of the graph an export writes: edges at or above a belief (in one review state, or all),
 * the variables they connect, and every piece of causal evidence behind them. Read in one
 * transaction, so the three lists agree.
 */
public record GraphSnapshot(List<Node> nodes, List<Edge> edges, List<Evidence> evidence) {

  /** A variable. */
  public record Node(long id, String name) {}

  /** An edge with the attributes every format carries. */
  public record Edge(long id, long causeId, long effectId, String cause, String effect, double belief, String state,
      List<String> flags, int evidenceCount, int documentCount, String polarity) {}

  /** One causal verdict behind an edge. */
  public record Evidence(String id, long edgeId, String documentId, List<Integer> sentences, String label,
      double probability, String judge, String causeText, String effectText, String text, String explanation,
      String run) {}

  /**
   * @param state a review state, or null for all
   */
  public static GraphSnapshot load(DataSource dataSource, double minBelief, String state) {
    String edgeSql = "SELECT e.id, e.cause_id, e.effect_id, c.name, f.name, e.belief, e.review_state, e.flags,"
        + " e.evidence_count, e.document_count, " + EdgePolarity.sql("e") + " FROM edges e JOIN variables c ON c.id = e.cause_id"
        + " JOIN variables f ON f.id = e.effect_id WHERE e.belief >= ? AND (?::text IS NULL OR e.review_state = ?)"
        + " ORDER BY e.id";
    String evidenceSql = "SELECT v.id, v.edge_id, v.document_id, v.sentence_indexes, v.label, v.probability,"
        + " v.judge_id || '@' || v.judge_version, v.cause_text, v.effect_text,"
        + " (SELECT string_agg(s.text, ' ' ORDER BY s.idx) FROM sentences s"
        + "   WHERE s.document_id = v.document_id AND s.idx = ANY (v.sentence_indexes)), v.explanation, v.run_id"
        + " FROM evidence v WHERE v.edge_id = ANY (?) ORDER BY v.edge_id, v.probability DESC, v.id";
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        List<Edge> edges = new ArrayList<>();
        Map<Long, Node> nodes = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(edgeSql)) {
          s.setDouble(1, minBelief);
          s.setString(2, state);
          s.setString(3, state);
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              Edge e = new Edge(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                  rs.getDouble(6), rs.getString(7), strings(rs.getArray(8)), rs.getInt(9), rs.getInt(10),
                  rs.getString(11));
              edges.add(e);
              nodes.putIfAbsent(e.causeId(), new Node(e.causeId(), e.cause()));
              nodes.putIfAbsent(e.effectId(), new Node(e.effectId(), e.effect()));
            }
          }
        }
        List<Evidence> evidence = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(evidenceSql)) {
          s.setArray(1, c.createArrayOf("bigint", edges.stream().map(Edge::id).toArray()));
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              Integer[] sentences = (Integer[]) rs.getArray(4).getArray();
              evidence.add(new Evidence(rs.getString(1), rs.getLong(2), rs.getString(3), Arrays.asList(sentences),
                  rs.getString(5), rs.getDouble(6), rs.getString(7), rs.getString(8), rs.getString(9),
                  rs.getString(10) == null ? "" : rs.getString(10), rs.getString(11), rs.getString(12)));
            }
          }
        }
        c.commit();
        List<Node> sorted = new ArrayList<>(nodes.values());
        sorted.sort(java.util.Comparator.comparingLong(Node::id));
        return new GraphSnapshot(sorted, edges, evidence);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the graph for export", e);
    }
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
