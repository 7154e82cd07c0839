package org.causalworkbench.graph.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.causalworkbench.graph.store.StoreException;

/**
 * The edges that most deserve a person's time, first. An undecided edge's priority is
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
    String sql = "WITH degree AS (SELECT v, count(*) AS n FROM (SELECT cause_id AS v FROM edges"
        + "   UNION ALL SELECT effect_id FROM edges) ends GROUP BY v)"
        + " SELECT e.id, c.name, f.name, e.belief, e.flags, e.evidence_count, dc.n + de.n - 2,"
        + " 2 * cardinality(e.flags) + 3 * (1 - 2 * abs(e.belief - 0.5)) + ln(dc.n + de.n - 1)"
        + "   + ln(1 + e.evidence_count) AS priority"
        + " FROM edges e JOIN variables c ON c.id = e.cause_id JOIN variables f ON f.id = e.effect_id"
        + " JOIN degree dc ON dc.v = e.cause_id JOIN degree de ON de.v = e.effect_id"
        + " WHERE e." + WAITING
        + " ORDER BY priority DESC, e.id LIMIT ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setInt(1, limit);
      List<Item> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
              Arrays.asList((String[]) rs.getArray(5).getArray()), rs.getInt(6), rs.getInt(7), rs.getDouble(8)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read the review queue", e);
    }
  }
}
