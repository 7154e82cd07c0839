package org.causalworkbench.graph.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.causalworkbench.graph.query.Page;
import org.causalworkbench.graph.query.PageCursor;
import org.causalworkbench.graph.store.StoreException;

/**
 * The edges that most deserve a person's time, first. An undecided edge's priority, stored with
 * its score by {@code EdgeScorer} (the degrees as they were then), is
 *
 * <pre>2 · flags + 3 · (1 − 2 · |belief − 0.5|) + ln(1 + degree) + ln(1 + evidence)</pre>
 *
 * where flags counts its review flags, the middle term is 3 for a coin-flip belief and 0 for a
 * certain one, degree is how many other edge ends its cause and effect carry (a hub's error spreads)
 * and evidence is its evidence count (more to read, more to gain). Ties go to the older edge.
 */
public final class ReviewQueue {

  /** An edge waiting for review, with why it is where it is. */
  public record Item(long edgeId, String cause, String effect, double belief, List<String> flags, int evidenceCount,
      int degree, double priority) {}

  /** The edges that wait for a person: undecided ones. */
  private static final String WAITING = "review_state IN ('needs_review', 'unreviewed')";

  private final DataSource dataSource;

  public ReviewQueue(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** How many edges wait for a decision: the queue's length, however much of it {@link #next} shows. */
  public long waiting() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(
            "SELECT count(*) FROM edges WHERE " + WAITING);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("cannot count the review queue", e);
    }
  }

  public List<Item> next(int limit) {
    return page(limit, null).items();
  }

  private static final String LIST = "review queue";

  /** The queue from after {@code cursor} (a previous page's {@code next}), at most {@code limit} items. */
  public Page<Item> page(int limit, String cursor) {
    PageCursor after = PageCursor.decode(cursor, LIST, 2);
    // The page comes from the index on the stored priority, with the degrees that priority used (as
    // the last whole-graph pass counted them): counting a hub's edges per item took seconds at 1M rows.
    String sql = "SELECT q.id, c.name, f.name, q.belief, q.flags, q.evidence_count,"
        + " greatest(0, c.degree + f.degree - 2),"
        + " q.priority FROM (SELECT e.id, e.cause_id, e.effect_id, e.belief, e.flags, e.evidence_count, e.priority"
        + "   FROM edges e WHERE e." + WAITING
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
          out.add(new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
              Arrays.asList((String[]) rs.getArray(5).getArray()), rs.getInt(6), rs.getInt(7), rs.getDouble(8)));
        }
      }
      return Page.of(out, limit, item -> PageCursor.of(LIST, item.priority(), item.edgeId()));
    } catch (SQLException e) {
      throw new StoreException("cannot read the review queue", e);
    }
  }
}
