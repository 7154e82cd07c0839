package org.causalworkbench.graph.score;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The one definition of an edge's belief, counts and flags, computed set-wise in PostgreSQL for
 * any number of edges at once. Belief follows INDRA's belief model: for evidence from judges s
 * with systematic error syst_s and random error rand_s ({@link JudgeRates}),
 *
 * <pre>support = 1 - prod_s (syst_s + prod_{d in docs of s} rand_{s,d})</pre>
 *
 * Several sentences from one document count once: per judge and document the most probable one
 * stands for the document. The judge's own probability p widens the random error of its evidence:
 * {@code rand_{s,d} = rand_s + (1 - rand_s)(1 - p)}, so p = 1 gives the prior and p = 0 gives no
 * support at all; an accepted sentence counts at p = 1, a rejected one not at all. Evidence
 * against the edge (the opposite edge's, and negated statements about the same two variables) is
 * scored the same way and discounts it: {@code belief = support × (1 − against)}. A decided edge
 * keeps its state, with belief 1 when accepted and 0 when rejected or reversed.
 *
 * <p>Products are sums of logarithms; PostgreSQL's exp() raises an error on underflow rather
 * than returning 0, so a sum from thousands of documents is cut at -700 (exp(-700) is about
 * 1e-304). The in-cycle flag is kept as {@code CycleFlagger} last set it. The review priority
 * ({@code ReviewQueue}) is stored with the score; its degree term reads the variables' degrees as
 * {@code VariableDegrees} last counted them.
 */
public final class EdgeScorer {

  /** Review priority per flag, and for a coin-flip belief (see {@code ReviewQueue}). */
  public static final int PER_FLAG = 2;
  public static final int PER_DOUBT = 3;

  private static final String POINTS = "SELECT t.id AS edge_id, v.judge_id, v.document_id,"
      + " CASE WHEN v.review = 'accepted' THEN 1.0 ELSE v.probability END AS p";

  private static final String SQL = "WITH judge(j, syst, rand) AS (SELECT * FROM unnest(?::text[], ?::float8[],"
      + "   ?::float8[])),"
      + " target AS (SELECT id, cause_id, effect_id, review_state FROM edges WHERE id = ANY (?)"
      + "   AND (NOT ? OR review_state IN ('unreviewed', 'needs_review'))),"
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
      + " per_judge AS (SELECT b.edge_id, b.support, least(1, coalesce(j.syst, ?) + exp(greatest(-700, sum(ln(greatest(1e-300,"
      + "   coalesce(j.rand, ?) + (1 - coalesce(j.rand, ?)) * (1 - least(1, greatest(0, b.p)))))))))"
      + "   AS missed FROM best b LEFT JOIN judge j ON j.j = b.judge_id GROUP BY b.edge_id, b.support, b.judge_id, j.syst),"
      + " parts AS (SELECT edge_id,"
      + "   1 - CASE WHEN sum(ln(greatest(1e-300, missed))) FILTER (WHERE support) < -700 THEN 0"
      + "     ELSE exp(sum(ln(greatest(1e-300, missed))) FILTER (WHERE support)) END AS support,"
      + "   1 - CASE WHEN sum(ln(greatest(1e-300, missed))) FILTER (WHERE NOT support) < -700 THEN 0"
      + "     ELSE exp(sum(ln(greatest(1e-300, missed))) FILTER (WHERE NOT support)) END AS against"
      + "   FROM per_judge GROUP BY edge_id),"
      + " belief AS (SELECT t.id, coalesce(p.support, 0) * (1 - coalesce(p.against, 0)) AS scored,"
      + "   CASE t.review_state WHEN 'accepted' THEN 1.0 WHEN 'rejected' THEN 0.0 WHEN 'reversed' THEN 0.0"
      + "   ELSE coalesce(p.support, 0) * (1 - coalesce(p.against, 0)) END AS b"
      + "   FROM target t LEFT JOIN parts p ON p.edge_id = t.id),"
      + " facts AS (SELECT t.id,"
      + "   (SELECT count(*) FROM evidence v WHERE v.edge_id = t.id AND v.review IS DISTINCT FROM 'rejected') AS n,"
      + "   (SELECT count(DISTINCT v.document_id) FROM evidence v WHERE v.edge_id = t.id"
      + "     AND v.review IS DISTINCT FROM 'rejected') AS docs,"
      + "   (SELECT bool_and(cardinality(v.sentence_indexes) > 1) FROM evidence v WHERE v.edge_id = t.id"
      + "     AND v.review IS DISTINCT FROM 'rejected') AS cross_only,"
      + "   (SELECT bool_or(cardinality(v.qualifiers) > 0) FROM evidence v WHERE v.edge_id = t.id"
      + "     AND v.review IS DISTINCT FROM 'rejected') AS hedged,"
      + "   EXISTS (SELECT 1 FROM edges r JOIN evidence v ON v.edge_id = r.id WHERE r.cause_id = t.effect_id"
      + "     AND r.effect_id = t.cause_id AND v.review IS DISTINCT FROM 'rejected') AS reverse,"
      + "   EXISTS (SELECT 1 FROM evidence u JOIN surface_forms a ON a.variable_id = t.cause_id"
      + "     JOIN surface_forms b ON b.variable_id = t.effect_id WHERE u.failure IS NOT NULL"
      + "     AND ((u.cause_variable = a.name AND u.effect_variable = b.name)"
      + "     OR (u.cause_variable = b.name AND u.effect_variable = a.name))) AS unanswered,"
      + "   EXISTS (SELECT 1 FROM evidence v JOIN evidence u ON u.pair_id = v.pair_id AND u.judge_id <> v.judge_id"
      + "     AND u.label <> v.label AND u.failure IS NULL WHERE v.edge_id = t.id) AS disagree"
      + "   FROM target t),"
      + " flagged AS (SELECT b.id, b.b, x.n, x.docs, greatest(0, dc.degree + de.degree - 2) AS others,"
      + "   array_remove(ARRAY["
      + "   CASE WHEN b.scored < ? THEN '" + EdgeFlag.LOW_BELIEF.wire() + "' END,"
      + "   CASE WHEN x.reverse THEN '" + EdgeFlag.BOTH_DIRECTIONS.wire() + "' END,"
      + "   CASE WHEN x.docs = 1 THEN '" + EdgeFlag.SINGLE_DOCUMENT.wire() + "' END,"
      + "   CASE WHEN x.cross_only THEN '" + EdgeFlag.CROSS_SENTENCE_ONLY.wire() + "' END,"
      + "   CASE WHEN x.hedged THEN '" + EdgeFlag.HEDGED_OR_NEGATED.wire() + "' END,"
      + "   CASE WHEN x.unanswered THEN '" + EdgeFlag.REASONING_FAILED.wire() + "' END,"
      + "   CASE WHEN x.disagree THEN '" + EdgeFlag.JUDGES_DISAGREE.wire() + "' END,"
      + "   CASE WHEN '" + EdgeFlag.IN_CYCLE.wire() + "' = ANY (e.flags) THEN '"
      + EdgeFlag.IN_CYCLE.wire() + "' END], NULL) AS flags"
      + "   FROM belief b JOIN facts x ON x.id = b.id JOIN edges e ON e.id = b.id"
      + "   JOIN variables dc ON dc.id = e.cause_id JOIN variables de ON de.id = e.effect_id)"
      + " UPDATE edges e SET belief = f.b, evidence_count = f.n, document_count = f.docs, flags = f.flags,"
      + "   priority = " + PER_FLAG + " * cardinality(f.flags) + " + PER_DOUBT + " * (1 - 2 * abs(f.b - 0.5))"
      + "     + ln(1 + f.others) + ln(1 + f.n),"
      + "   review_state = CASE WHEN e.review_state IN ('accepted', 'rejected', 'reversed') THEN e.review_state"
      + "     WHEN cardinality(f.flags) > 0 THEN 'needs_review' ELSE 'unreviewed' END,"
      + "   updated_at = now() FROM flagged f WHERE e.id = f.id";

  private final JudgeRates rates;
  private final double lowBelief;

  public EdgeScorer(JudgeRates rates, double lowBelief) {
    this.rates = rates;
    this.lowBelief = lowBelief;
  }

  /** The reviews so far applied to the judges' error rates. */
  public EdgeScorer withReviews(Map<String, ReviewCounts> counts) {
    return new EdgeScorer(rates.withReviews(counts), lowBelief);
  }

  public double lowBelief() {
    return lowBelief;
  }

  public JudgeRates rates() {
    return rates;
  }

  /** Re-scores the undecided edges among {@code edges}; returns how many were updated. */
  public int rescoreUndecided(Connection c, Collection<Long> edges) throws SQLException {
    return rescore(c, edges, true);
  }

  /**
   * Re-scores {@code edges} from their evidence, locking their rows (in id order, as every writer
   * does, so concurrent writers cannot deadlock); with {@code undecidedOnly} the decided ones are
   * left as they are. Returns how many were updated.
   */
  public int rescore(Connection c, Collection<Long> edges, boolean undecidedOnly) throws SQLException {
    if (edges.isEmpty()) {
      return 0;
    }
    List<String> judges = new ArrayList<>(rates.knownJudges());
    Double[] syst = new Double[judges.size()];
    Double[] rand = new Double[judges.size()];
    for (int i = 0; i < judges.size(); i++) {
      JudgePrior prior = rates.prior(judges.get(i));
      syst[i] = prior.systematicError();
      rand[i] = prior.randomError();
    }
    JudgePrior unknown = rates.unknownPrior();
    try (PreparedStatement lock = c.prepareStatement("SELECT id FROM edges WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
      lock.setArray(1, c.createArrayOf("bigint", edges.toArray()));
      lock.executeQuery().close();
    }
    // Planned for each call's edges: once the driver prepares it server-side, PostgreSQL may settle on
    // a generic plan made with earlier, smaller tables' statistics, which turned a 0.3 s batch into 30 s.
    try (Statement set = c.createStatement()) {
      set.execute("SET LOCAL plan_cache_mode = force_custom_plan");
    }
    try (PreparedStatement s = c.prepareStatement(SQL)) {
      s.setArray(1, c.createArrayOf("text", judges.toArray()));
      s.setArray(2, c.createArrayOf("float8", syst));
      s.setArray(3, c.createArrayOf("float8", rand));
      s.setArray(4, c.createArrayOf("bigint", edges.toArray()));
      s.setBoolean(5, undecidedOnly);
      s.setDouble(6, unknown.systematicError());
      s.setDouble(7, unknown.randomError());
      s.setDouble(8, unknown.randomError());
      s.setDouble(9, lowBelief);
      return s.executeUpdate();
    }
  }
}
