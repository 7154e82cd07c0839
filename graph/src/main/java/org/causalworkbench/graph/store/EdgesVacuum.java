package org.causalworkbench.graph.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vacuums {@code edges} right after a pass rewrote a large part of it (a recalibration, a cycle
 * refresh). The graph's walks and hub pages read covering indexes only while the table's pages are marked
 * all-visible; a mass rewrite clears those marks, and until autovacuum comes round (a minute or
 * more, throttled) every index entry visits the table again: on 717k edges the first 100 hub
 * paths took 566 ms instead of about 100. The vacuum itself takes 1 to 2 s there.
 */
public final class EdgesVacuum {

  private static final Logger LOG = LoggerFactory.getLogger(EdgesVacuum.class);

  /** Fewer rewritten rows than this are left to autovacuum. */
  static final long MIN_ROWS = 10_000;

  /** Nor a rewrite of less than this share of the table. */
  static final double MIN_SHARE = 0.1;

  private EdgesVacuum() {}

  /**
   * Vacuums and analyzes {@code edges} if {@code rewritten} of its about {@code rows} rows is a mass
   * rewrite; returns whether it did. The connection must have no transaction open: auto-commit is
   * switched on for the vacuum and restored after. A vacuum that fails is logged and left to
   * autovacuum: the rewrite it follows has committed.
   */
  public static boolean afterRewrite(Connection c, long rewritten, long rows) {
    if (rewritten < MIN_ROWS || rewritten < MIN_SHARE * rows) {
      return false;
    }
    long started = System.nanoTime();
    try {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM (ANALYZE) edges");
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      LOG.warn("could not vacuum edges after {} of its rows were rewritten ({}); autovacuum will, and until then the"
          + " walks read the table as well as the indexes", rewritten, e.getMessage());
      return false;
    }
    LOG.info("vacuumed edges after {} of its rows were rewritten, in {} ms (so the walks keep reading indexes only)",
        rewritten, (System.nanoTime() - started) / 1_000_000);
    return true;
  }
}
