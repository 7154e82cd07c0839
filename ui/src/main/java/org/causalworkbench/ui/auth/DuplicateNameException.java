package org.causalworkbench.ui.auth;

/** An account or token name that is taken. */
public final class DuplicateNameException extends IllegalArgumentException {

  public DuplicateNameException(String message) {
    super(message);
  }
}
