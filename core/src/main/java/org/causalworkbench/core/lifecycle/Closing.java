package org.causalworkbench.core.lifecycle;

/** Closing several resources that were opened together (an ensemble's members, a union's extractors). */
public final class Closing {

  private Closing() {}

  /**
   * Closes every resource, even when one fails to: the first failure is thrown with the later ones
   * suppressed in it, so no native model stays open behind a failed neighbour.
   */
  public static void closeAll(Iterable<? extends AutoCloseable> resources) {
    RuntimeException first = null;
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        RuntimeException failure = e instanceof RuntimeException r ? r
            : new IllegalStateException("cannot close " + resource + ": " + e.getMessage(), e);
        if (first == null) {
          first = failure;
        } else {
          first.addSuppressed(failure);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
