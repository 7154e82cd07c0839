package org.causalworkbench.graph.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs a unit of work in one transaction: committed when it returns, rolled back when it throws. */
public final class Transactions {

  /** Work on a connection whose transaction the caller must not end. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private Transactions() {}

  /**
   * @param what what the work does, for the error ("record the review")
   */
  public static <T> T run(DataSource dataSource, String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      return run(c, what, work);
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * The same on a connection the caller keeps across transactions (for a temporary table), with
   * auto-commit off.
   */
  public static <T> T run(Connection c, String what, Work<T> work) {
    try {
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
