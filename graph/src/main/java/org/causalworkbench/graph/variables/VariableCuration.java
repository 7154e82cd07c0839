package org.causalworkbench.graph.variables;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.causalworkbench.graph.review.ReviewLog;
import org.causalworkbench.graph.query.Page;
import org.causalworkbench.graph.query.PageCursor;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.store.NotFoundException;
import org.causalworkbench.graph.store.PostgresGraphWriter;
import org.causalworkbench.graph.store.StoreException;
import org.causalworkbench.graph.store.Transactions;

/**
 * Analysts' fixes to variables: merge two, split a surface form out into a variable of its own,
 * rename one. Edges and their evidence follow (an edge that meets an existing one hands over its
 * evidence and an accept or reject decision; one that would join a variable to itself lets its
 * evidence go without an edge, the evidence itself stays); the
 * edges touched are re-scored, and the change goes into the review log with before and after. A
 * merged variable keeps its row, marked with the one it went into.
 */
public final class VariableCuration {

  /** A variable with its surface forms and their mention counts. */
  public record VariableView(long id, String name, Long mergedInto, Map<String, Integer> forms) {}

  /** What a change did. */
  public record Result(long variableId, String name, int edgesTouched) {}

  private final DataSource dataSource;
  private final EdgeScorer scorer;
  private final ReviewLog log = new ReviewLog();

  public VariableCuration(DataSource dataSource, EdgeScorer scorer) {
    this.dataSource = dataSource;
    this.scorer = scorer;
  }

  public VariableView variable(long id) {
    try (Connection c = dataSource.getConnection()) {
      return view(c, id);
    } catch (SQLException e) {
      throw new StoreException("cannot read variable " + id, e);
    }
  }

  /** A variable found by name, with how many edges it has. */
  public record Match(long id, String name, int forms, int edges) {}

  /** Variables whose name or one of whose forms contains {@code text}, most connected first. */
  public List<Match> find(String text, int limit) {
    return findPage(text, limit, null).items();
  }

  private static final String LIST = "variables";

  /** A page of {@link #find}, from after {@code cursor} (a previous page's {@code next}). */
  public Page<Match> findPage(String text, int limit, String cursor) {
    PageCursor after = PageCursor.decode(cursor, LIST, 2);
    String sql = "SELECT * FROM (SELECT v.id, v.name, (SELECT count(*) FROM surface_forms f WHERE f.variable_id = v.id),"
        + " (SELECT count(*) FROM edges e WHERE e.cause_id = v.id OR e.effect_id = v.id) AS degree"
        + " FROM variables v WHERE v.merged_into IS NULL AND (v.name ILIKE ? OR EXISTS (SELECT 1 FROM surface_forms f"
        + "   WHERE f.variable_id = v.id AND f.name ILIKE ?))) q"
        + (after == null ? "" : " WHERE q.degree < ? OR q.degree = ? AND q.name > ?")
        + " ORDER BY q.degree DESC, q.name LIMIT ?";
    String pattern = org.causalworkbench.graph.query.GraphQueries.containing(text);
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, pattern);
      s.setString(2, pattern);
      int i = 3;
      if (after != null) {
        s.setLong(i++, after.number(0));
        s.setLong(i++, after.number(0));
        s.setString(i++, after.text(1));
      }
      s.setInt(i, limit + 1);
      List<Match> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Match(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4)));
        }
      }
      return Page.of(out, limit, m -> PageCursor.of(LIST, m.edges(), m.name()));
    } catch (SQLException e) {
      throw new StoreException("cannot search variables", e);
    }
  }

  /** Moves every form, edge and piece of evidence of {@code from} to {@code into}. */
  public Result merge(long from, long into, String reviewer, String note) {
    if (from == into) {
      throw new IllegalArgumentException("cannot merge variable " + from + " into itself");
    }
    return Transactions.run(dataSource, "change variables", c -> {
      VariableView a = view(c, from);
      VariableView b = view(c, into);
      if (a.mergedInto() != null || b.mergedInto() != null) {
        throw new IllegalArgumentException("variable " + (a.mergedInto() != null ? from : into)
            + " was already merged into another; merge that one");
      }
      update(c, "UPDATE surface_forms SET variable_id = ? WHERE variable_id = ?", into, from);
      Set<Long> touched = new TreeSet<>();
      List<long[]> edges = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT id, cause_id, effect_id FROM edges"
          + " WHERE cause_id = ? OR effect_id = ? ORDER BY id FOR UPDATE")) {
        s.setLong(1, from);
        s.setLong(2, from);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            edges.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
          }
        }
      }
      for (long[] e : edges) {
        long cause = e[1] == from ? into : e[1];
        long effect = e[2] == from ? into : e[2];
        if (cause == effect) {
          dropEdge(c, e[0], null);
          continue;
        }
        Long existing = edgeId(c, cause, effect);
        if (existing != null) {
          // An analyst's decision on the edge that goes survives on the edge that stays, unless that one has its own.
          update(c, "UPDATE edges h SET review_state = o.review_state FROM edges o WHERE h.id = ? AND o.id = ?"
              + " AND o.review_state IN ('accepted', 'rejected') AND h.review_state IN ('unreviewed', 'needs_review')",
              existing, e[0]);
          dropEdge(c, e[0], existing);
          touched.add(existing);
        } else {
          update(c, "UPDATE edges SET cause_id = ?, effect_id = ?, updated_at = now() WHERE id = ?", cause, effect,
              e[0]);
          touched.add(e[0]);
        }
      }
      update(c, "UPDATE variables SET merged_into = ? WHERE id = ?", into, from);
      rescore(c, touched);
      log.append(c, reviewer, "variable", Long.toString(from), "merge", describe(a, b), describe(view(c, into)), note);
      return new Result(into, b.name(), edges.size());
    });
  }

  /** Takes {@code form} out of its variable into a new one named after it; its evidence follows. */
  public Result split(String form, String reviewer, String note) {
    return Transactions.run(dataSource, "change variables", c -> {
      long old;
      try (PreparedStatement s = c.prepareStatement("SELECT variable_id FROM surface_forms WHERE name = ?")) {
        s.setString(1, form);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            throw new NotFoundException("no surface form '" + form + "'");
          }
          old = rs.getLong(1);
        }
      }
      VariableView before = view(c, old);
      if (before.forms().size() < 2) {
        throw new IllegalArgumentException("'" + form + "' is the only form of variable " + old
            + "; there is nothing to split it from");
      }
      long fresh = VariableResolver.newVariable(c, form);
      update(c, "UPDATE surface_forms SET variable_id = ? WHERE name = ?", fresh, form);
      Set<Long> touched = new TreeSet<>();
      List<Object[]> moves = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT v.id, v.edge_id, fc.variable_id, fe.variable_id,"
          + " v.review = 'reversed' FROM evidence v JOIN edges e ON e.id = v.edge_id"
          + " JOIN surface_forms fc ON fc.name = v.cause_variable JOIN surface_forms fe ON fe.name = v.effect_variable"
          + " WHERE (v.cause_variable = ? OR v.effect_variable = ?) AND (e.cause_id = ? OR e.effect_id = ?)"
          + " ORDER BY v.id")) {
        s.setString(1, form);
        s.setString(2, form);
        s.setLong(3, old);
        s.setLong(4, old);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            boolean reversed = rs.getBoolean(5);
            moves.add(new Object[] {rs.getString(1), rs.getLong(2), reversed ? rs.getLong(4) : rs.getLong(3),
                reversed ? rs.getLong(3) : rs.getLong(4)});
          }
        }
      }
      for (Object[] m : moves) {
        long cause = (Long) m[2];
        long effect = (Long) m[3];
        touched.add((Long) m[1]);
        Long target = null;
        if (cause != effect) {
          target = edgeId(c, cause, effect);
          if (target == null) {
            try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO edges (cause_id, effect_id) VALUES (?, ?) RETURNING id")) {
              s.setLong(1, cause);
              s.setLong(2, effect);
              try (ResultSet rs = s.executeQuery()) {
                rs.next();
                target = rs.getLong(1);
              }
            }
          }
          touched.add(target);
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE evidence SET edge_id = ? WHERE id = ?")) {
          s.setObject(1, target);
          s.setString(2, (String) m[0]);
          s.executeUpdate();
        }
      }
      // Edges the split emptied carry nothing any more; undecided ones go, decided ones stay as record.
      try (PreparedStatement s = c.prepareStatement("DELETE FROM edges e WHERE e.id = ANY (?)"
          + " AND e.review_state IN ('unreviewed', 'needs_review')"
          + " AND NOT EXISTS (SELECT 1 FROM evidence v WHERE v.edge_id = e.id)"
          + " AND NOT EXISTS (SELECT 1 FROM edges r WHERE r.reversed_to = e.id) RETURNING e.id")) {
        s.setArray(1, c.createArrayOf("bigint", touched.toArray()));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            touched.remove(rs.getLong(1));
          }
        }
      }
      rescore(c, touched);
      log.append(c, reviewer, "variable", Long.toString(old), "split", describe(before),
          describe(view(c, old), view(c, fresh)), note);
      return new Result(fresh, view(c, fresh).name(), moves.size());
    });
  }

  public Result rename(long id, String name, String reviewer, String note) {
    String clean = name == null ? "" : name.strip();
    if (clean.isEmpty()) {
      throw new IllegalArgumentException("a variable's name cannot be empty");
    }
    return Transactions.run(dataSource, "change variables", c -> {
      VariableView before = view(c, id);
      try (PreparedStatement s = c.prepareStatement("SELECT id FROM variables WHERE name = ? AND id <> ?")) {
        s.setString(1, clean);
        s.setLong(2, id);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            throw new IllegalArgumentException("variable " + rs.getLong(1) + " is already called '" + clean
                + "'; merge the two instead");
          }
        }
      }
      update(c, "UPDATE variables SET name = ? WHERE id = ?", clean, id);
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE edges SET updated_at = now() WHERE cause_id = ? OR effect_id = ?")) {
        s.setLong(1, id);
        s.setLong(2, id);
        s.executeUpdate();
      }
      log.append(c, reviewer, "variable", Long.toString(id), "rename", describe(before), describe(view(c, id)), note);
      return new Result(id, clean, 0);
    });
  }

  private void rescore(Connection c, Set<Long> edges) throws SQLException {
    scorer.withReviews(PostgresGraphWriter.reviewCounts(c)).rescore(c, edges, false);
  }

  /** Hands an edge's evidence to {@code heir} (or to no edge) and removes the edge. */
  private static void dropEdge(Connection c, long edge, Long heir) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE evidence SET edge_id = ? WHERE edge_id = ?")) {
      s.setObject(1, heir);
      s.setLong(2, edge);
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE edges SET reversed_to = ? WHERE reversed_to = ?")) {
      s.setObject(1, heir);
      s.setLong(2, edge);
      s.executeUpdate();
    }
    update(c, "DELETE FROM edges WHERE id = ?", edge);
  }

  private static Long edgeId(Connection c, long cause, long effect) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM edges WHERE cause_id = ? AND effect_id = ? FOR UPDATE")) {
      s.setLong(1, cause);
      s.setLong(2, effect);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static void update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      s.executeUpdate();
    }
  }

  private static VariableView view(Connection c, long id) throws SQLException {
    String name;
    Long merged;
    try (PreparedStatement s = c.prepareStatement("SELECT name, merged_into FROM variables WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("no variable " + id);
        }
        name = rs.getString(1);
        merged = (Long) rs.getObject(2);
      }
    }
    Map<String, Integer> forms = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT name, mentions FROM surface_forms WHERE variable_id = ? ORDER BY mentions DESC, name")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          forms.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    return new VariableView(id, name, merged, forms);
  }

  private static Map<String, Object> describe(VariableView... views) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (VariableView v : views) {
      out.put(Long.toString(v.id()), Map.of("name", v.name(), "forms", v.forms().keySet()));
    }
    return out;
  }

}
