package org.causalworkbench.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.causalworkbench.graph.embedded.EmbeddedPostgres;
import org.causalworkbench.graph.score.CycleFlagger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pass that rewrites most edges leaves the table vacuumed; a small one leaves it to autovacuum. */
class EdgesVacuumTest {

  @TempDir Path dir;

  @Test
  void aCycleRefreshThatRewritesMostEdgesVacuumsThemAndASmallOneDoesNot() throws SQLException {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("pg"));
        Database database = Database.open(postgres.jdbcUrl(), postgres.user(), "", 2);
        Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      // Only the pass may vacuum here; and an autovacuum analyzing variables meanwhile would hold
      // back which rows count as visible to all.
      for (String table : new String[] {"edges", "variables"}) {
        s.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
      }
      // A ring of 12,000 variables: every edge lies on the one cycle.
      int n = 12_000;
      s.execute("INSERT INTO variables (name) SELECT 'v' || i FROM generate_series(0, " + (n - 1) + ") i");
      s.execute("INSERT INTO edges (cause_id, effect_id, belief) SELECT a.id, b.id, 0.5 FROM variables a"
          + " JOIN variables b ON b.name = 'v' || ((substr(a.name, 2)::int + 1) % " + n + ")");
      assertNull(lastVacuum(s), "nothing vacuumed edges yet");

      assertEquals(n, CycleFlagger.refresh(database.dataSource(), Set.of()));
      assertNotNull(lastVacuum(s), "12,000 of 12,000 edges rewritten: vacuumed at the end of the pass");
      assertEquals(0, pagesNotAllVisible(s), "every page of edges is marked all-visible again, those the pass"
          + " wrote last too");

      s.execute("SELECT pg_stat_reset_single_table_counters('edges'::regclass)");
      assertNull(lastVacuum(s));
      assertFalse(EdgesVacuum.afterRewrite(c, 9_999, n), "below the floor of rows");
      assertFalse(EdgesVacuum.afterRewrite(c, 50_000, 600_000), "below the share of the table");
      assertNull(lastVacuum(s));
    }
  }

  private static Object lastVacuum(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'edges'")) {
      rs.next();
      return rs.getObject(1);
    }
  }

  private static long pagesNotAllVisible(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT relpages - relallvisible FROM pg_class WHERE relname = 'edges'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
