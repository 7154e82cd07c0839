package org.causalworkbench.graph.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.causalworkbench.graph.store.StoreException;

/** Read-side queries over the graph store, used by the summary, the CLI and the HTTP API. */
public final class GraphQueries {

  /** An edge seen in one document, for evaluation against a gold list. */
  public record EdgeInDocument(String cause, String effect, String documentId, String source, String externalId, double belief) {}

  private static final String EXAMPLE =
      "(SELECT string_agg(s.text, ' ' ORDER BY s.idx) FROM evidence v JOIN sentences s"
          + " ON s.document_id = v.document_id AND s.idx = ANY (v.sentence_indexes)"
          + " WHERE v.id = (SELECT id FROM evidence WHERE edge_id = e.id ORDER BY probability DESC, id LIMIT 1))";

  private static final String EDGE_COLUMNS =
      "e.id, c.name, f.name, e.belief, e.evidence_count, e.document_count, e.flags, e.review_state, " + EXAMPLE
          + " FROM edges e JOIN variables c ON c.id = e.cause_id JOIN variables f ON f.id = e.effect_id";

  private final DataSource dataSource;

  public GraphQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public GraphCounts counts() {
    try (Connection c = dataSource.getConnection()) {
      long documents = 0;
      long units = 0;
      long pairs = 0;
      double annotationMs = 0;
      try (ResultSet rs = c.createStatement().executeQuery(
          "SELECT count(*), coalesce(sum(units), 0), coalesce(sum(candidate_pairs), 0),"
              + " coalesce(sum(annotation_ms), 0) FROM documents")) {
        rs.next();
        documents = rs.getLong(1);
        units = rs.getLong(2);
        pairs = rs.getLong(3);
        annotationMs = rs.getDouble(4);
      }
      long sentences = single(c, "SELECT count(*) FROM sentences");
      Map<String, Long> byLabel = new TreeMap<>();
      try (ResultSet rs = c.createStatement().executeQuery("SELECT label, count(*) FROM evidence GROUP BY label")) {
        while (rs.next()) {
          byLabel.put(rs.getString(1), rs.getLong(2));
        }
      }
      long edges = single(c, "SELECT count(*) FROM edges");
      long flagged = single(c, "SELECT count(*) FROM edges WHERE cardinality(flags) > 0");
      Map<String, Long> failures = new TreeMap<>();
      try (ResultSet rs = c.createStatement().executeQuery(
          "SELECT failure, count(*) FROM evidence WHERE failure IS NOT NULL GROUP BY failure")) {
        while (rs.next()) {
          failures.put(rs.getString(1), rs.getLong(2));
        }
      }
      long tokensIn = single(c, "SELECT coalesce(sum(tokens_in), 0) FROM evidence");
      long tokensOut = single(c, "SELECT coalesce(sum(tokens_out), 0) FROM evidence");
      return new GraphCounts(documents, sentences, units, pairs, byLabel, edges, flagged, annotationMs / 1000,
          failures, tokensIn, tokensOut);
    } catch (SQLException e) {
      throw new StoreException("cannot count the graph", e);
    }
  }

  /** Edges by belief, strongest first. */
  public List<EdgeView> edges(double minBelief, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT " + EDGE_COLUMNS
            + " WHERE e.belief >= ? ORDER BY e.belief DESC, e.evidence_count DESC, e.id LIMIT ?")) {
      s.setDouble(1, minBelief);
      s.setInt(2, limit);
      return readEdges(s);
    } catch (SQLException e) {
      throw new StoreException("cannot list edges", e);
    }
  }

  public Optional<EdgeView> edge(long id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT " + EDGE_COLUMNS + " WHERE e.id = ?")) {
      s.setLong(1, id);
      return readEdges(s).stream().findFirst();
    } catch (SQLException e) {
      throw new StoreException("cannot read edge " + id, e);
    }
  }

  public List<EvidenceView> evidence(long edgeId) {
    String sql = "SELECT v.id, v.document_id, d.source, v.sentence_indexes,"
        + " (SELECT string_agg(s.text, ' ' ORDER BY s.idx) FROM sentences s"
        + "   WHERE s.document_id = v.document_id AND s.idx = ANY (v.sentence_indexes)),"
        + " v.label, v.probability, v.judge_id || '@' || v.judge_version, v.cause_text, v.effect_text,"
        + " v.explanation, v.qualifiers"
        + " FROM evidence v LEFT JOIN documents d ON d.id = v.document_id WHERE v.edge_id = ?"
        + " ORDER BY v.probability DESC, v.id";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, edgeId);
      List<EvidenceView> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new EvidenceView(rs.getString(1), rs.getString(2), rs.getString(3), ints(rs.getArray(4)),
              rs.getString(5), rs.getString(6), rs.getDouble(7), rs.getString(8), rs.getString(9),
              rs.getString(10), rs.getString(11), strings(rs.getArray(12))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read evidence of edge " + edgeId, e);
    }
  }

  /** Every (edge, document) with causal evidence, for edges at or above {@code minBelief}, in the document's words. */
  public List<EdgeInDocument> edgesByDocument(double minBelief) {
    // The names as this document put them (the evidence's surface forms), not the variable's display
    // name: a variable clustered from several forms still matches each document's own wording.
    String sql = "SELECT DISTINCT CASE WHEN v.review = 'reversed' THEN v.effect_variable ELSE v.cause_variable END,"
        + " CASE WHEN v.review = 'reversed' THEN v.cause_variable ELSE v.effect_variable END,"
        + " v.document_id, d.source, d.metadata ->> 'external_id', e.belief"
        + " FROM edges e JOIN evidence v ON v.edge_id = e.id JOIN documents d ON d.id = v.document_id"
        + " WHERE e.belief >= ? AND v.review IS DISTINCT FROM 'rejected'";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setDouble(1, minBelief);
      List<EdgeInDocument> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new EdgeInDocument(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getDouble(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot list edges by document", e);
    }
  }

  private static List<EdgeView> readEdges(PreparedStatement s) throws SQLException {
    List<EdgeView> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(new EdgeView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getInt(5),
            rs.getInt(6), strings(rs.getArray(7)), rs.getString(8), rs.getString(9)));
      }
    }
    return out;
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static List<Integer> ints(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((Integer[]) array.getArray());
  }
}
