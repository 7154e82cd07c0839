package org.causalworkbench.graph.store;

import java.sql.SQLException;

/** A database operation of the graph store failed; the message names the operation and the cause. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, SQLException cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
