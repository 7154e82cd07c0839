package org.causalworkbench.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * An annotated sentence of a document.
 *
 * @param index position in its document, from 0
 * @param begin character offset of the sentence in the document text
 * @param end character offset one past its end
 */
public record Sentence(
    String documentId,
    int index,
    int begin,
    int end,
    String text,
    List<Token> tokens,
    List<Dependency> dependencies) {

  public Sentence {
    tokens = List.copyOf(tokens);
    dependencies = List.copyOf(dependencies);
  }

  /** Dependents of {@code governor} under {@code relation} (an exact name or a prefix ending in ':'). */
  public List<Integer> dependents(int governor, String relation) {
    List<Integer> found = new ArrayList<>();
    for (Dependency d : dependencies) {
      if (d.governor() == governor && matches(d.relation(), relation)) {
        found.add(d.dependent());
      }
    }
    return found;
  }

  /** The dependency that attaches {@code token} to its head, or null for the root. */
  public Dependency headOf(int token) {
    for (Dependency d : dependencies) {
      if (d.dependent() == token) {
        return d;
      }
    }
    return null;
  }

  private static boolean matches(String actual, String wanted) {
    return actual.equals(wanted) || actual.startsWith(wanted + ":");
  }
}
