package org.causalworkbench.graph.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.score.JudgePrior;
import org.causalworkbench.graph.score.ReviewCounts;
import org.causalworkbench.graph.store.NotFoundException;
import org.causalworkbench.graph.store.PostgresGraphWriter;
import org.causalworkbench.graph.store.StoreException;

/**
 * Why an edge has its belief, in one sentence an analyst can check against the evidence list:
 * "0.19: one hedged sentence ('could reduce') in one document from cue; cue's random error 0.30
 * after 12 reviews". It reads what {@link EdgeScorer}'s belief reads (the sentences that count,
 * their documents and judges, the evidence against, the judges' current rates) and says it; it
 * computes no belief of its own.
 */
public final class BeliefExplainer {

  private final DataSource dataSource;
  private final EdgeScorer scorer;

  public BeliefExplainer(DataSource dataSource, EdgeScorer scorer) {
    this.dataSource = dataSource;
    this.scorer = scorer;
  }

  private record JudgePart(String judge, int sentences, int documents, int hedged, String signal) {}

  public String explain(long edgeId) {
    try (Connection c = dataSource.getConnection()) {
      String state;
      double belief;
      int reverseDocuments;
      try (PreparedStatement s = c.prepareStatement("SELECT e.review_state, e.belief,"
          + " coalesce((SELECT r.document_count FROM edges r WHERE r.cause_id = e.effect_id AND r.effect_id = e.cause_id), 0)"
          + " FROM edges e WHERE e.id = ?")) {
        s.setLong(1, edgeId);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            throw new NotFoundException("no edge " + edgeId);
          }
          state = rs.getString(1);
          belief = rs.getDouble(2);
          reverseDocuments = rs.getInt(3);
        }
      }
      String head = String.format(Locale.ROOT, "%.2f: ", belief);
      if (List.of("accepted", "rejected", "reversed").contains(state)) {
        return head + state + " by " + lastReviewer(c, edgeId) + "; a decision sets the belief, whatever the evidence";
      }
      List<JudgePart> parts = judgeParts(c, edgeId);
      if (parts.isEmpty()) {
        return head + "no sentence counts for it";
      }
      Map<String, ReviewCounts> reviews = PostgresGraphWriter.reviewCounts(c);
      List<String> clauses = new ArrayList<>();
      for (JudgePart p : parts) {
        StringBuilder clause = new StringBuilder(count(p.sentences(), p.hedged() == p.sentences() ? "hedged sentence"
            : "sentence"));
        if (p.hedged() > 0 && p.hedged() < p.sentences()) {
          clause.append(" (").append(p.hedged()).append(" hedged)");
        }
        if (p.sentences() == 1 && p.signal() != null) {
          clause.append(" ('").append(p.signal()).append("')");
        }
        clause.append(" in ").append(count(p.documents(), "document")).append(" from ").append(p.judge());
        clauses.add(clause.toString());
      }
      StringBuilder out = new StringBuilder(head).append(String.join(", and ", clauses));
      if (reverseDocuments > 0) {
        out.append("; against it, the opposite direction in ").append(count(reverseDocuments, "document"));
      }
      for (JudgePart p : parts) {
        String judge = p.judge().contains("@") ? p.judge().substring(0, p.judge().indexOf('@')) : p.judge();
        JudgePrior rate = scorer.withReviews(reviews).rates().prior(judge);
        ReviewCounts r = reviews.getOrDefault(judge, ReviewCounts.NONE);
        int reviewed = r.correct() + r.incorrect();
        out.append(String.format(Locale.ROOT, "; %s's random error %.2f", judge, rate.randomError()))
            .append(reviewed == 0 ? " (its prior, no reviews yet)" : " after " + count(reviewed, "review"));
      }
      return out.toString();
    } catch (SQLException e) {
      throw new StoreException("cannot explain the belief of edge " + edgeId, e);
    }
  }

  /** Per judge, the sentences that count for the edge (not rejected), and the signal of the most probable. */
  private static List<JudgePart> judgeParts(Connection c, long edgeId) throws SQLException {
    List<JudgePart> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT judge_id, count(*), count(DISTINCT document_id),"
        + " count(*) FILTER (WHERE 'hedged' = ANY (qualifiers)),"
        + " (array_agg(signal_text ORDER BY probability DESC) FILTER (WHERE signal_text IS NOT NULL))[1]"
        + " FROM evidence WHERE edge_id = ? AND review IS DISTINCT FROM 'rejected' GROUP BY judge_id"
        + " ORDER BY count(*) DESC, judge_id")) {
      s.setLong(1, edgeId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new JudgePart(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getString(5)));
        }
      }
    }
    return out;
  }

  private static String lastReviewer(Connection c, long edgeId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT reviewer FROM review_log WHERE target = 'edge'"
        + " AND target_id = ? AND action IN ('accept', 'reject', 'reverse') ORDER BY id DESC LIMIT 1")) {
      s.setString(1, Long.toString(edgeId));
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : "an analyst";
      }
    }
  }

  /** "one document", "3 documents". */
  static String count(int n, String noun) {
    return (n == 1 ? "one " + noun : String.format(Locale.ROOT, "%,d %ss", n, noun));
  }
}
