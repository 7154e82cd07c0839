package org.causalworkbench.graph.query;

import java.time.Instant;

/**
 * What the graph view asks for: every field is optional (null matches all).
 *
 * @param state a review state ({@code unreviewed}, {@code needs_review}, {@code accepted}, ...)
 * @param flag an edge flag that must be set
 * @param judge a judge id with evidence for the edge
 * @param document a document id, or part of a document's source name, with evidence for the edge
 * @param text part of the cause's or effect's name, case-insensitive
 * @param variable a variable id the edge must start or end at (its neighbourhood)
 * @param changedSince only edges whose belief, flags or state changed after this
 */
public record EdgeFilter(Double minBelief, Double maxBelief, String state, String flag, String judge,
    String document, String text, Long variable, Instant changedSince, int limit) {

  public static EdgeFilter all(int limit) {
    return new EdgeFilter(null, null, null, null, null, null, null, null, null, limit);
  }

  public EdgeFilter withChangedSince(Instant since) {
    return new EdgeFilter(minBelief, maxBelief, state, flag, judge, document, text, variable, since, limit);
  }
}
