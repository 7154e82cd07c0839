package org.causalworkbench.graph.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import org.causalworkbench.core.json.Json;

/** Appends decisions to the review log, inside the caller's transaction. */
public final class ReviewLog {

  private final Json json = new Json();

  public void append(Connection c, String reviewer, String target, String targetId, String action,
      Map<String, Object> before, Map<String, Object> after, String note) throws SQLException {
    if (reviewer == null || reviewer.isBlank()) {
      throw new IllegalArgumentException("a review needs the reviewer's name");
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO review_log (reviewer, target, target_id, action,"
        + " before, after, note) VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)")) {
      s.setString(1, reviewer);
      s.setString(2, target);
      s.setString(3, targetId);
      s.setString(4, action);
      s.setString(5, json.writeString(before));
      s.setString(6, json.writeString(after));
      s.setString(7, note);
      s.executeUpdate();
    }
  }
}
