package org.causalworkbench.graph.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.causalworkbench.graph.query.Page;
import org.causalworkbench.graph.query.PageCursor;
import org.causalworkbench.graph.score.EdgePolarity;
import org.causalworkbench.graph.score.ReviewPriority;
import org.causalworkbench.graph.store.StoreException;

/**
 * The edges that most deserve a person's time, first: undecided edges by the priority {@link
 * ReviewPriority} defines (stored with each edge's score, the degrees as they were then), each
 * with the terms that put it there. Ties go to the older edge.
 */
public final class ReviewQueue {

  /** Which undecided edges the queue lists. */
  public enum Scope {
    /** Edges a configured review flag sent to {@code needs_review}: the queue an analyst works. */
    FLAGGED("review_state = 'needs_review'"),
    /** Every undecided edge, flagged or not. */
    UNDECIDED("review_state IN ('needs_review', 'unreviewed')");

    private final String condition;

    Scope(String condition) {
      this.condition = condition;
    }

    /** Reads {@code flagged} or {@code undecided}. */
    public static Scope fromWire(String wire) {
      try {
        return valueOf(wire.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("queue scope '" + wire + "' is not one of: flagged, undecided");
      }
    }
  }

  /**
   * An edge waiting for review, with why it is where it is.
   *
   * @param degree how many other edges its cause and effect carry (as the last whole-graph pass counted)
   * @param reasons the priority's terms that raise it, largest first
   */
  public record Item(long edgeId, String cause, String effect, double belief, List<String> flags, int evidenceCount,
      int documentCount, int degree, String polarity, double priority, List<ReviewPriority.Reason> reasons) {}

  /** How many edges wait: flagged for review, and undecided in all (flagged or not). */
  public record Counts(long flagged, long undecided) {}

  private final DataSource dataSource;

  public ReviewQueue(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The queue's true lengths, however much of it a page shows. */
  public Counts counts() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FILTER (WHERE " + Scope.FLAGGED.condition
            + "), count(*) FROM edges WHERE " + Scope.UNDECIDED.condition);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return new Counts(rs.getLong(1), rs.getLong(2));
    } catch (SQLException e) {
      throw new StoreException("cannot count the review queue", e);
    }
  }

  private static final String LIST = "review queue";

  /** A set of undecided edges an analyst decides at once. */
  public enum Selection {
    /** Every undecided edge whose effect is the variable. */
    INTO_VARIABLE("e.effect_id = ?::bigint"),
    /** Every undecided edge whose cause is the variable. */
    FROM_VARIABLE("e.cause_id = ?::bigint"),
    /** Every undecided edge with evidence from the document. */
    FROM_DOCUMENT("EXISTS (SELECT 1 FROM evidence v WHERE v.edge_id = e.id AND v.document_id = ?)");

    private final String condition;

    Selection(String condition) {
      this.condition = condition;
    }
  }

  /** The undecided edges of a selection, at most {@code max}, in queue order. */
  public List<Long> select(Selection selection, String value, int max) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT e.id FROM edges e WHERE e." + Scope.UNDECIDED.condition + " AND " + selection.condition
            + " ORDER BY e.priority DESC, e.id LIMIT ?")) {
      s.setString(1, value);
      s.setInt(2, max);
      List<Long> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot select edges " + selection.name().toLowerCase(Locale.ROOT) + " " + value, e);
    }
  }

  /** The queue from after {@code cursor} (a previous page's {@code next}), at most {@code limit} items. */
  public Page<Item> page(Scope scope, int limit, String cursor) {
    PageCursor after = PageCursor.decode(cursor, LIST, 2);
    StringBuilder terms = new StringBuilder();
    for (ReviewPriority.Term term : ReviewPriority.Term.values()) {
      terms.append(", ").append(ReviewPriority.sql(term, "q.belief", "q.flags", "q.document_count",
          "greatest(0, c.degree + f.degree - 2)"));
    }
    // The page comes from the index on the stored priority, with the degrees that priority used (as
    // the last whole-graph pass counted them): counting a hub's edges per item took seconds at 1M rows.
    String sql = "SELECT q.id, c.name, f.name, q.belief, q.flags, q.evidence_count, q.document_count,"
        + " greatest(0, c.degree + f.degree - 2), q.polarity, q.priority" + terms
        + " FROM (SELECT e.id, e.cause_id, e.effect_id, e.belief, e.flags, e.evidence_count, e.document_count,"
        + "   " + EdgePolarity.sql("e") + " AS polarity, e.priority"
        + "   FROM edges e WHERE e." + scope.condition
        + (after == null ? "" : " AND (e.priority < ? OR e.priority = ? AND e.id > ?)")
        + "   ORDER BY e.priority DESC, e.id LIMIT ?) q"
        + " JOIN variables c ON c.id = q.cause_id JOIN variables f ON f.id = q.effect_id"
        + " ORDER BY q.priority DESC, q.id";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      if (after != null) {
        s.setDouble(i++, after.real(0));
        s.setDouble(i++, after.real(0));
        s.setLong(i++, after.number(1));
      }
      s.setInt(i, limit + 1);
      List<Item> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          List<String> flags = Arrays.asList((String[]) rs.getArray(5).getArray());
          double[] values = new double[ReviewPriority.Term.values().length];
          for (int t = 0; t < values.length; t++) {
            values[t] = rs.getDouble(11 + t);
          }
          List<ReviewPriority.Reason> reasons = ReviewPriority.reasons(values,
              new ReviewPriority.Facts(rs.getDouble(4), flags, rs.getInt(7), rs.getInt(8)));
          out.add(new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4), flags, rs.getInt(6),
              rs.getInt(7), rs.getInt(8), rs.getString(9), rs.getDouble(10), reasons));
        }
      }
      return Page.of(out, limit, item -> PageCursor.of(LIST, item.priority(), item.edgeId()));
    } catch (SQLException e) {
      throw new StoreException("cannot read the review queue", e);
    }
  }
}
