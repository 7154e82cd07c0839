package org.causalworkbench.graph.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vacuums {@code edges} right after a pass rewrote a large part of it (a recalibration, a cycle
 * refresh). The graph's walks and hub pages read covering indexes only while the table's pages
 * are marked all-visible; a mass rewrite clears those marks and leaves dead row versions, and until
 * autovacuum comes round (a minute or more, throttled) the reads step over them and visit the
 * table: on 717k edges the first 100 hub paths took 566 ms instead of about 100. The vacuum itself
 * takes 1 to 2 s there.
 */
public final class EdgesVacuum {

  private static final Logger LOG = LoggerFactory.getLogger(EdgesVacuum.class);

  /** Fewer rewritten rows than this are left to autovacuum. */
  static final long MIN_ROWS = 10_000;

  /** Nor a rewrite of less than this share of the table. */
  static final double MIN_SHARE = 0.1;

  private EdgesVacuum() {}

  /**
   * How long rows committed just now may stay unmarkable. With {@code synchronous_commit} off (as
   * the embedded store runs) a commit reaches the WAL on disk only when the WAL writer flushes it,
   * within three {@code wal_writer_delay}; until then vacuum may not mark its rows visible to all,
   * and vacuumed at once, the pages the pass wrote last stayed unmarked (half of a 12,000-row
   * table; marked after a 0.7 s wait, or at once when the rewrite committed synchronously).
   */
  private static long asyncCommitWindowMillis(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT current_setting('synchronous_commit') = 'off',"
        + " (SELECT setting::bigint FROM pg_settings WHERE name = 'wal_writer_delay')")) {
      rs.next();
      return rs.getBoolean(1) ? 3 * rs.getLong(2) : 0;
    }
  }

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
        Thread.sleep(asyncCommitWindowMillis(s));
        s.execute("VACUUM (ANALYZE) edges");
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      LOG.warn("could not vacuum edges after {} of its rows were rewritten ({}); autovacuum will, and until then the"
          + " walks read the table as well as the indexes", rewritten, e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    LOG.info("vacuumed edges after {} of its rows were rewritten, in {} ms (so the walks keep reading indexes only)",
        rewritten, (System.nanoTime() - started) / 1_000_000);
    return true;
  }
}
