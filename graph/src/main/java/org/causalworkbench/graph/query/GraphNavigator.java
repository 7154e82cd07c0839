package org.causalworkbench.graph.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.causalworkbench.graph.store.StoreException;

/**
 * The graph queries the UI and the CLI ask: a variable's neighbours, the paths between two
 * variables up to a length, the strongest of them (the largest product of beliefs), the subgraph
 * above a belief, and the edges changed since a time (for live refresh). Rejected and reversed
 * edges are not walked; paths are simple (no variable twice) and found by a recursive query bounded
 * by the length, so they cost what the neighbourhood costs, not the whole graph.
 */
public final class GraphNavigator {

  /** An edge as the navigator returns it. */
  public record Link(long id, String cause, String effect, double belief, String state, List<String> flags,
      int evidenceCount, Instant updatedAt) {}

  /** A path: its edges in order and the product of their beliefs. */
  public record Path(List<Link> links, double strength) {}

  private static final String LINK_COLUMNS = "e.id, c.name, f.name, e.belief, e.review_state, e.flags,"
      + " e.evidence_count, e.updated_at FROM edges e JOIN variables c ON c.id = e.cause_id"
      + " JOIN variables f ON f.id = e.effect_id";
  private static final String WALKABLE = "e.review_state NOT IN ('rejected', 'reversed')";

  private final DataSource dataSource;

  public GraphNavigator(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Edges into and out of {@code variable}, strongest first. */
  public List<Link> neighbours(String variable, double minBelief) {
    return links("SELECT " + LINK_COLUMNS + " WHERE (c.name = ? OR f.name = ?) AND e.belief >= ? AND " + WALKABLE
        + " ORDER BY e.belief DESC, e.id", variable, variable, minBelief);
  }

  /** Edges at or above {@code minBelief}, strongest first, at most {@code limit}. */
  public List<Link> subgraph(double minBelief, int limit) {
    return links("SELECT " + LINK_COLUMNS + " WHERE e.belief >= ? AND " + WALKABLE
        + " ORDER BY e.belief DESC, e.id LIMIT ?", minBelief, limit);
  }

  /** Edges whose belief, flags or state changed after {@code since}, oldest change first. */
  public List<Link> changedSince(Instant since, int limit) {
    return links("SELECT " + LINK_COLUMNS + " WHERE e.updated_at > ? ORDER BY e.updated_at, e.id LIMIT ?",
        Timestamp.from(since), limit);
  }

  /** Simple directed paths from {@code from} to {@code to} of at most {@code maxLength} edges, strongest first. */
  public List<Path> paths(String from, String to, int maxLength, double minBelief, int limit) {
    String sql = "WITH RECURSIVE walk(edges, visited, last, strength) AS ("
        + " SELECT ARRAY[e.id], ARRAY[e.cause_id, e.effect_id], e.effect_id, e.belief"
        + "   FROM edges e JOIN variables c ON c.id = e.cause_id"
        + "   WHERE c.name = ? AND e.belief >= ? AND " + WALKABLE
        + " UNION ALL"
        + " SELECT w.edges || e.id, w.visited || e.effect_id, e.effect_id, w.strength * e.belief"
        + "   FROM walk w JOIN edges e ON e.cause_id = w.last"
        + "   WHERE cardinality(w.edges) < ? AND e.belief >= ? AND " + WALKABLE
        + "   AND NOT (e.effect_id = ANY (w.visited))"
        + "   AND w.last <> (SELECT id FROM variables WHERE name = ?))"
        + " SELECT w.edges, w.strength FROM walk w JOIN variables t ON t.id = w.last WHERE t.name = ?"
        + " ORDER BY w.strength DESC, cardinality(w.edges) LIMIT ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, from);
      s.setDouble(2, minBelief);
      s.setInt(3, maxLength);
      s.setDouble(4, minBelief);
      s.setString(5, to);
      s.setString(6, to);
      s.setInt(7, limit);
      List<Path> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Long[] ids = (Long[]) rs.getArray(1).getArray();
          out.add(new Path(byIds(c, ids), rs.getDouble(2)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot find paths from '" + from + "' to '" + to + "'", e);
    }
  }

  /** The path with the largest product of beliefs, up to {@code maxLength} edges. */
  public Optional<Path> strongestPath(String from, String to, int maxLength) {
    return paths(from, to, maxLength, 0, 1).stream().findFirst();
  }

  private List<Link> byIds(Connection c, Long[] ids) throws SQLException {
    List<Link> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + LINK_COLUMNS
        + " JOIN unnest(?::bigint[]) WITH ORDINALITY AS o(id, n) ON o.id = e.id ORDER BY o.n")) {
      s.setArray(1, c.createArrayOf("bigint", ids));
      read(s, out);
    }
    return out;
  }

  private List<Link> links(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      List<Link> out = new ArrayList<>();
      read(s, out);
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot query the graph", e);
    }
  }

  private static void read(PreparedStatement s, List<Link> out) throws SQLException {
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        Array flags = rs.getArray(6);
        out.add(new Link(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getString(5),
            flags == null ? List.of() : Arrays.asList((String[]) flags.getArray()), rs.getInt(7),
            rs.getTimestamp(8).toInstant()));
      }
    }
  }
}
