package org.causalworkbench.graph.score;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Counts each variable's edge ends into {@code variables.degree}, which the review priority reads
 * when an edge is scored. Counting them per scored batch cost the writer four times its speed, so
 * they are counted in one grouped pass with the periodic whole-graph refresh ({@link
 * CycleFlagger#refresh}): an edge's priority uses the degrees of the last pass before its scoring.
 */
final class VariableDegrees {

  private VariableDegrees() {}

  /** Returns how many variables' degrees changed. */
  static int refresh(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE variables v SET degree = d.n FROM (SELECT v.id,"
        + " count(e.x) AS n FROM variables v LEFT JOIN (SELECT cause_id AS x FROM edges UNION ALL"
        + " SELECT effect_id FROM edges) e ON e.x = v.id GROUP BY v.id) d WHERE v.id = d.id AND v.degree <> d.n")) {
      return s.executeUpdate();
    }
  }
}
