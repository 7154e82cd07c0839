package org.causalworkbench.graph.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.causalworkbench.graph.store.StoreException;
import org.causalworkbench.graph.store.Transactions;

/**
 * The graph queries the UI and the CLI ask: a variable's neighbours, the paths between two
 * variables up to a length, the strongest of them (the largest product of beliefs), the subgraph
 * above a belief, and the edges changed since a time (for live refresh). Rejected and reversed
 * edges are not walked; paths are simple (no variable twice) and found by one join per length, so
 * the database can start from whichever end is smaller.
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

  /** The most a neighbours query returns: a hub's tens of thousands of edges are read by page, in the API. */
  public static final int MAX_NEIGHBOURS = 5_000;

  /**
   * The {@code limit} strongest edges into and out of {@code variable} (at most {@link
   * #MAX_NEIGHBOURS}). An unknown name is a {@code NotFoundException} that says so.
   */
  public List<Link> neighbours(String variable, double minBelief, int limit) {
    if (limit < 1 || limit > MAX_NEIGHBOURS) {
      throw new IllegalArgumentException("neighbours: limit must be 1 to " + MAX_NEIGHBOURS + ", not " + limit);
    }
    // Each direction by its own index, cut to the limit before the two meet: OR on the names hashed both.
    String side = "(SELECT e.id FROM edges e WHERE e.%s = ? AND e.belief >= ? AND " + WALKABLE
        + " ORDER BY e.belief DESC, e.id LIMIT ?)";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT " + LINK_COLUMNS
        + " JOIN (" + side.formatted("cause_id") + " UNION ALL " + side.formatted("effect_id")
        + ") n ON n.id = e.id ORDER BY e.belief DESC, e.id LIMIT ?")) {
      Long id = variableId(c, variable);
      if (id == null) {
        throw unknown(variable);
      }
      return readLinks(s, id, minBelief, limit, id, minBelief, limit, limit);
    } catch (SQLException e) {
      throw new StoreException("cannot read the neighbours of '" + variable + "'", e);
    }
  }

  private static org.causalworkbench.graph.store.NotFoundException unknown(String name) {
    return new org.causalworkbench.graph.store.NotFoundException("unknown variable '" + name + "': no variable"
        + " has this name (variables are named in lower case; search them by a part of the name)");
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

  /** The longest path the navigator looks for: beyond it, paths say little about causes. */
  public static final int MAX_PATH_LENGTH = 6;

  /**
   * The strengths tried, in turn, before the whole graph: a path at least this strong has only
   * edges at least this strong (beliefs are at most 1), so its joins read each variable's edges
   * from indexes that carry belief and state ({@code edges_cause_effect}, {@code edges_in}), not
   * the table. The first step that finds as many paths as asked for answers; one that falls short
   * costs a fraction of the next. Between two hubs at 1M evidence rows, 57 paths reach 0.9 and
   * the hundredth strongest is 0.87.
   */
  private static final double[] STEPS = {0.9, 0.8, 0.6, 0.4};

  /**
   * Simple directed paths from {@code from} to {@code to} of at most {@code maxLength} edges,
   * strongest first. One join per length (not a walk outward from {@code from}), so PostgreSQL can
   * meet in the middle from both ends: between two hubs a walk would enumerate every path leaving
   * the first hub. The joins first read only edges of belief at least 0.9: when {@code limit} paths
   * at least that strong exist they are the strongest of all, and the weaker edges are never read;
   * otherwise the next of {@link #STEPS}, then the whole graph. An unknown name is a {@code
   * NotFoundException} that says so.
   */
  public List<Path> paths(String from, String to, int maxLength, double minBelief, int limit) {
    if (maxLength < 1 || maxLength > MAX_PATH_LENGTH) {
      throw new IllegalArgumentException("path length must be 1 to " + MAX_PATH_LENGTH + ", not " + maxLength);
    }
    return Transactions.run(dataSource, "find paths from '" + from + "' to '" + to + "'", c -> {
      Long source = variableId(c, from);
      Long target = variableId(c, to);
      for (String name : new String[] {source == null ? from : null, target == null ? to : null}) {
        if (name != null) {
          throw unknown(name);
        }
      }
      if (source.equals(target)) {
        return List.of();
      }
      // On two cores, workers cost more to start than these index-bound joins take (a step at 0.8
      // between two hubs: 15 ms alone, 55 ms with two workers).
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL max_parallel_workers_per_gather = 0");
      }
      // For the single strongest path the direct edge, when there is one, is a floor under the
      // steps: a path that beats it has only edges at least as strong as it, and the step at the
      // floor finds the edge itself.
      double floor = limit == 1 ? directBelief(c, source, target, minBelief) : 0;
      for (double step : STEPS) {
        double bound = Math.max(step, floor);
        if (bound <= minBelief) {
          break;
        }
        List<Path> found = paths(c, source, target, maxLength, bound, bound, limit);
        if (found.size() == limit) {
          return found;
        }
      }
      return paths(c, source, target, maxLength, minBelief, 0, limit);
    });
  }

  /** The strongest {@code limit} paths of edges at least {@code minBelief}, of strength at least {@code minStrength}. */
  private List<Path> paths(Connection c, long source, long target, int maxLength, double minBelief,
      double minStrength, int limit) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT edges, strength, length FROM (");
    List<Object> parameters = new ArrayList<>();
    for (int k = 1; k <= maxLength; k++) {
      if (k > 1) {
        sql.append(" UNION ALL ");
      }
      sql.append(pathsOfLength(k));
      parameters.add(source);
      parameters.add(target);
      for (int i = 0; i < k; i++) {
        parameters.add(minBelief);
      }
      for (int i = 2; i <= k; i++) {
        parameters.add(minStrength);
      }
    }
    sql.append(") p WHERE strength >= ? ORDER BY strength DESC, length LIMIT ?");
    parameters.add(minStrength);
    parameters.add(limit);
    List<Long[]> found = new ArrayList<>();
    List<Double> strengths = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        s.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.add((Long[]) rs.getArray(1).getArray());
          strengths.add(rs.getDouble(2));
        }
      }
    }
    // The edges of all the paths in one read: a read per path cost a round trip each.
    Map<Long, Link> links = byIds(c, found.stream().flatMap(Arrays::stream).distinct().toArray(Long[]::new));
    List<Path> out = new ArrayList<>(found.size());
    for (int p = 0; p < found.size(); p++) {
      out.add(new Path(Arrays.stream(found.get(p)).map(links::get).toList(), strengths.get(p)));
    }
    return out;
  }

  /** Paths of exactly {@code k} edges: e1 from the source ... ek into the target, no variable twice. */
  private static String pathsOfLength(int k) {
    StringBuilder select = new StringBuilder("SELECT ARRAY[");
    StringBuilder strength = new StringBuilder();
    StringBuilder from = new StringBuilder(" FROM edges e1");
    StringBuilder where = new StringBuilder(" WHERE e1.cause_id = ? AND e" + k + ".effect_id = ?");
    for (int i = 1; i <= k; i++) {
      select.append(i > 1 ? ", " : "").append("e").append(i).append(".id");
      strength.append(i > 1 ? " * " : "").append("e").append(i).append(".belief");
      if (i > 1) {
        from.append(" JOIN edges e").append(i).append(" ON e").append(i).append(".cause_id = e").append(i - 1)
            .append(".effect_id");
      }
      where.append(" AND e").append(i).append(".belief >= ? AND e").append(i)
          .append(".review_state NOT IN ('rejected', 'reversed')");
    }
    // Every prefix of a path at least this strong is at least this strong (beliefs are at most 1):
    // a join condition that drops weak pairs at the middle of a three-edge join before the last
    // edge is joined. Between two hubs at 10M evidence rows, the step at 0.6 joined every strong
    // edge out of one hub with every one into the other first.
    StringBuilder prefix = new StringBuilder("e1.belief");
    for (int i = 2; i <= k; i++) {
      prefix.append(" * e").append(i).append(".belief");
      where.append(" AND ").append(prefix).append(" >= ?");
    }
    // Simple: the variables v0 = e1.cause, v1 = e1.effect, ..., vk = ek.effect are all different.
    for (int i = 0; i <= k; i++) {
      for (int j = i + 1; j <= k; j++) {
        if (i == 0 && j == k) {
          continue; // source and target differ, checked before the query
        }
        where.append(" AND ").append(vertex(i)).append(" <> ").append(vertex(j));
      }
    }
    return select + "]::bigint[] AS edges, " + strength + " AS strength, " + k + " AS length" + from + where;
  }

  private static String vertex(int i) {
    return i == 0 ? "e1.cause_id" : "e" + i + ".effect_id";
  }

  /** The belief of the walkable edge {@code source -> target} of at least {@code minBelief}; 0 if none. */
  private static double directBelief(Connection c, long source, long target, double minBelief) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT e.belief FROM edges e WHERE e.cause_id = ?"
        + " AND e.effect_id = ? AND e.belief >= ? AND " + WALKABLE)) {
      s.setLong(1, source);
      s.setLong(2, target);
      s.setDouble(3, minBelief);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getDouble(1) : 0;
      }
    }
  }

  private static Long variableId(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM variables WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  /** The path with the largest product of beliefs, up to {@code maxLength} edges. */
  public Optional<Path> strongestPath(String from, String to, int maxLength) {
    return paths(from, to, maxLength, 0, 1).stream().findFirst();
  }

  private Map<Long, Link> byIds(Connection c, Long[] ids) throws SQLException {
    Map<Long, Link> byId = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + LINK_COLUMNS + " WHERE e.id = ANY (?)")) {
      readLinks(s, c.createArrayOf("bigint", ids)).forEach(link -> byId.put(link.id(), link));
    }
    return byId;
  }

  private List<Link> links(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      return readLinks(s, parameters);
    } catch (SQLException e) {
      throw new StoreException("cannot query the graph", e);
    }
  }

  /** The links a statement reads with these parameters. */
  private static List<Link> readLinks(PreparedStatement s, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      s.setObject(i + 1, parameters[i]);
    }
    List<Link> out = new ArrayList<>();
    read(s, out);
    return out;
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
