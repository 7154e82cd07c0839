package org.causalworkbench.graph.score;

/**
 * Which way an edge's cause moves its effect: what an analyst set, or else what most of its
 * sentences propose ({@code increases} when more say it raises the effect than lowers it, {@code
 * decreases} the other way, {@code unknown} on a tie or when none says). Sentences that disagree
 * are flagged {@code polarity_conflict} by {@link EdgeScorer}.
 */
public final class EdgePolarity {

  private EdgePolarity() {}

  /** The edge's polarity in SQL, for the edges row {@code alias}. */
  public static String sql(String alias) {
    return "coalesce(" + alias + ".polarity_set, CASE WHEN " + alias + ".increases_count > " + alias
        + ".decreases_count THEN 'increases' WHEN " + alias + ".decreases_count > " + alias
        + ".increases_count THEN 'decreases' ELSE 'unknown' END)";
  }
}
