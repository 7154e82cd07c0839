package org.causalworkbench.graph.store;

/** What a change names (an edge, a piece of evidence, a variable, a surface form) does not exist. */
public final class NotFoundException extends IllegalArgumentException {

  public NotFoundException(String message) {
    super(message);
  }
}
