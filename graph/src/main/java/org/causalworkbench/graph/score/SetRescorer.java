package org.causalworkbench.graph.score;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Re-scores many edges in one statement after the judges' error rates changed (a review): the same
 * belief as {@link BeliefModel} and {@code PostgresGraphWriter.rescoreOne}, computed set-wise in
 * PostgreSQL (products as sums of logarithms), and the {@code low_belief} flag and review state
 * that depend on it. Other flags do not depend on error rates and are left as they are; decided
 * edges keep their state and belief.
 */
public final class SetRescorer {

  private static final String POINTS = "SELECT t.id AS edge_id, v.judge_id, v.document_id,"
      + " CASE WHEN v.review = 'accepted' THEN 1.0 ELSE v.probability END AS p";

  private static final String SQL = "WITH judge(j, syst, rand) AS (SELECT * FROM unnest(?::text[], ?::float8[],"
      + "   ?::float8[])),"
      + " target AS (SELECT id, cause_id, effect_id FROM edges WHERE id = ANY (?)"
      + "   AND review_state IN ('unreviewed', 'needs_review')),"
      + " points AS ("
      + POINTS + ", true AS support FROM target t JOIN evidence v ON v.edge_id = t.id"
      + "   WHERE v.review IS DISTINCT FROM 'rejected'"
      + " UNION ALL " + POINTS + ", false FROM target t JOIN edges r ON r.cause_id = t.effect_id"
      + "   AND r.effect_id = t.cause_id JOIN evidence v ON v.edge_id = r.id WHERE v.review IS DISTINCT FROM 'rejected'"
      + " UNION ALL " + POINTS + ", false FROM target t JOIN surface_forms a ON a.variable_id = t.cause_id"
      + "   JOIN surface_forms b ON b.variable_id = t.effect_id"
      + "   JOIN evidence v ON v.label = 'none' AND 'negated' = ANY (v.qualifiers)"
      + "   AND ((v.cause_variable = a.name AND v.effect_variable = b.name)"
      + "   OR (v.cause_variable = b.name AND v.effect_variable = a.name))"
      + "   WHERE v.review IS DISTINCT FROM 'rejected'),"
      + " best AS (SELECT edge_id, support, judge_id, document_id, max(p) AS p FROM points GROUP BY 1, 2, 3, 4),"
      + " per_judge AS (SELECT b.edge_id, b.support, least(1, coalesce(j.syst, ?) + exp(sum(ln(greatest(1e-300,"
      + "   coalesce(j.rand, ?) + (1 - coalesce(j.rand, ?)) * (1 - least(1, greatest(0, b.p))))))))"
      + "   AS missed FROM best b LEFT JOIN judge j ON j.j = b.judge_id GROUP BY b.edge_id, b.support, b.judge_id, j.syst),"
      + " belief AS (SELECT t.id,"
      + "   coalesce((SELECT 1 - exp(sum(ln(greatest(1e-300, missed)))) FROM per_judge"
      + "     WHERE edge_id = t.id AND support), 0)"
      + "   * (1 - coalesce((SELECT 1 - exp(sum(ln(greatest(1e-300, missed)))) FROM per_judge"
      + "     WHERE edge_id = t.id AND NOT support), 0)) AS b FROM target t),"
      + " flagged AS (SELECT b.id, b.b, array_remove(e.flags, 'low_belief')"
      + "   || CASE WHEN b.b < ? THEN ARRAY['low_belief'] ELSE ARRAY[]::text[] END AS flags"
      + "   FROM belief b JOIN edges e ON e.id = b.id)"
      + " UPDATE edges e SET belief = f.b, flags = f.flags,"
      + "   review_state = CASE WHEN cardinality(f.flags) > 0 THEN 'needs_review' ELSE 'unreviewed' END,"
      + "   updated_at = now() FROM flagged f WHERE e.id = f.id";

  private SetRescorer() {}

  /** Re-scores the undecided edges among {@code edges}; returns how many were updated. */
  public static int rescore(Connection c, Collection<Long> edges, EdgeScorer scorer) throws SQLException {
    if (edges.isEmpty()) {
      return 0;
    }
    BeliefModel model = scorer.beliefModel();
    List<String> judges = new ArrayList<>(model.knownJudges());
    Double[] syst = new Double[judges.size()];
    Double[] rand = new Double[judges.size()];
    for (int i = 0; i < judges.size(); i++) {
      JudgePrior prior = model.prior(judges.get(i));
      syst[i] = prior.systematicError();
      rand[i] = prior.randomError();
    }
    JudgePrior unknown = model.unknownPrior();
    try (PreparedStatement s = c.prepareStatement(SQL)) {
      s.setArray(1, c.createArrayOf("text", judges.toArray()));
      s.setArray(2, c.createArrayOf("float8", syst));
      s.setArray(3, c.createArrayOf("float8", rand));
      s.setArray(4, c.createArrayOf("bigint", edges.toArray()));
      s.setDouble(5, unknown.systematicError());
      s.setDouble(6, unknown.randomError());
      s.setDouble(7, unknown.randomError());
      s.setDouble(8, scorer.lowBelief());
      return s.executeUpdate();
    }
  }
}
