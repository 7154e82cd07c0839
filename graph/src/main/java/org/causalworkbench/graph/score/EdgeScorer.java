package org.causalworkbench.graph.score;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
 * <p>Writes cost what they add: per edge the store keeps what the belief needs (V10's
 * {@code edge_documents}: the best p per document and judge; {@code edge_judges}: the sum of
 * ln(rand_{s,d}) per judge at the rate it was summed with; counts behind the flags), and
 * {@link #addEvidence} folds new rows into them, so a batch that adds to a hub edge reads the
 * hub's aggregates, not its evidence. {@link #rescore} rebuilds them from an edge's evidence (for
 * evidence that left or changed: a review, a merge, a deletion); {@link #recalibrate} re-sums them
 * at the judges' current rates after reviews. All three end in the same scoring statement.
 *
 * <p>Products are sums of logarithms; PostgreSQL's exp() raises an error on underflow rather
 * than returning 0, so a sum from thousands of documents is cut at -700 (exp(-700) is about
 * 1e-304). The in-cycle flag is kept as {@code CycleFlagger} last set it, and set on an edge whose
 * two variables were in one strongly connected component at its last pass. The review priority
 * ({@code ReviewQueue}) is stored with the score; its degree term reads the variables' degrees as
 * {@code VariableDegrees} last counted them.
 */
public final class EdgeScorer {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EdgeScorer.class);

  /**
   * The counts kept on each edge that folding adds to: evidence, documents, single-sentence,
   * qualified (hedged or negated), and proposing each polarity.
   */
  private static final List<String> COUNTS = List.of("evidence_count", "document_count", "single_sentence_count",
      "qualified_count", "increases_count", "decreases_count");

  /** The judges' rates (three arrays) and the unknown judge's (two scalars): the first five parameters. */
  private static final String RATES = "judge(j, syst, rand) AS (SELECT * FROM unnest(?::text[], ?::float8[],"
      + " ?::float8[])), unknown(syst, rand) AS (SELECT ?::float8, ?::float8)";
  private static final String RAND = "coalesce(j.rand, (SELECT rand FROM unknown))";

  /** ln of one document's random-error term: {@code ln(rand + (1 - rand)(1 - p))}. */
  private static String term(String rand, String p) {
    return "ln(greatest(1e-300, " + rand + " + (1 - " + rand + ") * (1 - least(1, greatest(0, " + p + ")))))";
  }

  /** Evidence rows that count for their edge, chosen by {@code filter} (one array parameter). */
  private static String source(String filter) {
    return " src AS (SELECT v.edge_id, v.judge_id, v.document_id,"
        + " CASE WHEN v.review = 'accepted' THEN 1.0 ELSE v.probability END AS p,"
        + " cardinality(v.sentence_indexes) > 1 AS cross_sentence, cardinality(v.qualifiers) > 0 AS qualified,"
        + " v.polarity"
        + " FROM evidence v WHERE " + filter + " AND v.edge_id IS NOT NULL AND v.review IS DISTINCT FROM 'rejected')";
  }

  private static final String BY_EVIDENCE = "v.id = ANY (?)";
  private static final String BY_EDGE = "v.edge_id = ANY (?)";

  /**
   * Folds new evidence rows (their ids, one array parameter) into the aggregates: records their
   * best p per edge, document and judge, adds what changed to the per-judge sums (a sum kept at an
   * older rate is left for {@link #REFRESH} to redo), and returns per edge what the rows add to its
   * counts (documents counted against the edge's documents before this statement).
   */
  private static final String FOLD = "WITH " + RATES + "," + source(BY_EVIDENCE) + ","
        + " best AS (SELECT edge_id, document_id, judge_id, max(p) AS p FROM src GROUP BY 1, 2, 3),"
        + " changed AS (SELECT b.edge_id, b.document_id, b.judge_id, b.p, d.p AS old_p FROM best b"
        + "   LEFT JOIN edge_documents d ON d.edge_id = b.edge_id AND d.document_id = b.document_id"
        + "   AND d.judge_id = b.judge_id WHERE d.p IS NULL OR b.p > d.p),"
        + " kept AS (INSERT INTO edge_documents (edge_id, document_id, judge_id, p)"
        + "   SELECT edge_id, document_id, judge_id, p FROM changed ORDER BY 1, 2, 3"
        + "   ON CONFLICT (edge_id, document_id, judge_id) DO UPDATE SET p = excluded.p),"
        + " rated AS (SELECT c.*, " + RAND + " AS rand FROM changed c LEFT JOIN judge j ON j.j = c.judge_id),"
        + " delta AS (SELECT edge_id, judge_id, rand, sum(" + term("rand", "p")
        + "   - CASE WHEN old_p IS NULL THEN 0 ELSE " + term("rand", "old_p") + " END) AS d FROM rated GROUP BY 1, 2, 3),"
        + " summed AS (INSERT INTO edge_judges (edge_id, judge_id, rand, log_missed)"
        + "   SELECT edge_id, judge_id, rand, d FROM delta ORDER BY 1, 2"
        + "   ON CONFLICT (edge_id, judge_id) DO UPDATE SET log_missed = edge_judges.log_missed + excluded.log_missed"
        + "   WHERE edge_judges.rand = excluded.rand),"
        + " fresh AS (SELECT edge_id, count(DISTINCT document_id) AS docs FROM src s WHERE NOT EXISTS"
        + "   (SELECT 1 FROM edge_documents d WHERE d.edge_id = s.edge_id AND d.document_id = s.document_id)"
        + "   GROUP BY edge_id)"
        + " SELECT s.edge_id, count(*), coalesce(min(f.docs), 0), count(*) FILTER (WHERE NOT s.cross_sentence),"
        + "   count(*) FILTER (WHERE s.qualified), count(*) FILTER (WHERE s.polarity = 'increases'),"
        + "   count(*) FILTER (WHERE s.polarity = 'decreases') FROM src s LEFT JOIN fresh f ON f.edge_id = s.edge_id"
        + " GROUP BY s.edge_id";

  /**
   * Rebuilds the aggregates of the edges in the array parameter (used three times) from their
   * evidence, writing only what differs from those stored: a rejection that takes one sentence off
   * a hub edge changes one document's row, not the hub's thousands (deleting and re-inserting them
   * all cost 130 of the 200 ms the re-score of a 5,794-row edge took). Returns each edge's counts,
   * as {@link #FOLD} does for a fold into empty aggregates.
   */
  private static final String REBUILD = "WITH " + RATES + "," + source(BY_EDGE) + ","
      + " best AS (SELECT edge_id, document_id, judge_id, max(p) AS p FROM src GROUP BY 1, 2, 3),"
      + " old AS (SELECT edge_id, document_id, judge_id, p FROM edge_documents WHERE edge_id = ANY (?)),"
      + " diff AS (SELECT coalesce(b.edge_id, o.edge_id) AS edge_id, coalesce(b.document_id, o.document_id)"
      + "   AS document_id, coalesce(b.judge_id, o.judge_id) AS judge_id, b.p FROM best b FULL JOIN old o"
      + "   ON o.edge_id = b.edge_id AND o.document_id = b.document_id AND o.judge_id = b.judge_id"
      + "   WHERE b.p IS DISTINCT FROM o.p),"
      + " removed AS (DELETE FROM edge_documents d USING diff x WHERE x.p IS NULL AND d.edge_id = x.edge_id"
      + "   AND d.document_id = x.document_id AND d.judge_id = x.judge_id),"
      + " kept AS (INSERT INTO edge_documents (edge_id, document_id, judge_id, p)"
      + "   SELECT edge_id, document_id, judge_id, p FROM diff WHERE p IS NOT NULL ORDER BY 1, 2, 3"
      + "   ON CONFLICT (edge_id, document_id, judge_id) DO UPDATE SET p = excluded.p),"
      + " sums AS (SELECT b.edge_id, b.judge_id, " + RAND + " AS rand, sum(" + term(RAND, "b.p") + ") AS log_missed"
      + "   FROM best b LEFT JOIN judge j ON j.j = b.judge_id GROUP BY 1, 2, 3),"
      + " summed AS (INSERT INTO edge_judges (edge_id, judge_id, rand, log_missed)"
      + "   SELECT edge_id, judge_id, rand, log_missed FROM sums ORDER BY 1, 2"
      + "   ON CONFLICT (edge_id, judge_id) DO UPDATE SET rand = excluded.rand, log_missed = excluded.log_missed),"
      + " dropped AS (DELETE FROM edge_judges s WHERE s.edge_id = ANY (?)"
      + "   AND NOT EXISTS (SELECT 1 FROM sums x WHERE x.edge_id = s.edge_id AND x.judge_id = s.judge_id))"
      + " SELECT edge_id, count(*), count(DISTINCT document_id), count(*) FILTER (WHERE NOT cross_sentence),"
      + "   count(*) FILTER (WHERE qualified), count(*) FILTER (WHERE polarity = 'increases'),"
      + "   count(*) FILTER (WHERE polarity = 'decreases') FROM src GROUP BY edge_id";

  /** Re-sums, from their documents, the per-judge sums of the edges that were kept at another rate. */
  private static final String REFRESH = "WITH " + RATES + ","
      + " stale AS (SELECT s.edge_id, s.judge_id, " + RAND + " AS rand FROM edge_judges s"
      + "   LEFT JOIN judge j ON j.j = s.judge_id WHERE s.edge_id = ANY (?))"
      + " UPDATE edge_judges s SET rand = x.rand, log_missed = (SELECT coalesce(sum(" + term("x.rand", "d.p") + "), 0)"
      + "   FROM edge_documents d WHERE d.edge_id = s.edge_id AND d.judge_id = s.judge_id)"
      + " FROM stale x WHERE s.edge_id = x.edge_id AND s.judge_id = x.judge_id AND s.rand <> x.rand";

  /**
   * The edges new rows (their ids, one array parameter) touch: each row's own edge, and whether
   * judges disagree on it, and the edges of other judges' rows on the same pair that a new row
   * disagrees with. Each new row is read once and its pair probed once: two statements (the
   * disagreements from either side, then the own edges) read each row three times and probed its
   * pair twice, 74 ms of a 2,000-row batch at 1M rows.
   */
  private static final String TOUCHED_BY_EVIDENCE = "WITH x AS MATERIALIZED (SELECT id, edge_id, pair_id, judge_id,"
      + "   label, failure FROM evidence WHERE id = ANY (?)),"
      + " other AS MATERIALIZED (SELECT x.edge_id AS x_edge, x.failure IS NULL AS x_answered, m.edge_id AS m_edge,"
      + "   m.failure IS NULL AS m_answered FROM x,"
      + "   LATERAL (SELECT edge_id, failure FROM evidence m WHERE m.pair_id = x.pair_id AND m.judge_id <> x.judge_id"
      + "   AND m.label <> x.label) m)"
      + " SELECT edge_id, false FROM x WHERE edge_id IS NOT NULL"
      + " UNION SELECT x_edge, true FROM other WHERE x_edge IS NOT NULL AND m_answered"
      + " UNION SELECT m_edge, true FROM other WHERE m_edge IS NOT NULL AND x_answered";

  /**
   * The edges (an array parameter) with a sentence another judge labelled otherwise. LATERAL here
   * and above: each row probes the index it names; a plain join hashed whole tables per batch.
   */
  private static final String OTHER_LABEL = "u.pair_id = v.pair_id AND u.judge_id <> v.judge_id"
      + " AND u.label <> v.label AND u.failure IS NULL";
  private static final String DISAGREEING_BY_EDGE = "SELECT DISTINCT v.edge_id FROM evidence v,"
      + "   LATERAL (SELECT 1 FROM evidence u WHERE " + OTHER_LABEL + " LIMIT 1) u WHERE v.edge_id = ANY (?)";

  private static final String POINT = "CASE WHEN v.review = 'accepted' THEN 1.0 ELSE v.probability END";
  /** The target edge's reverse, as {@code r}, probed by the (cause, effect) index. */
  private static final String REVERSE_PROBED = "JOIN LATERAL (SELECT id FROM edges"
      + " WHERE cause_id = t.effect_id AND effect_id = t.cause_id) r ON true";
  /**
   * The target edge's reverse, as {@code r}, from {@link #SCORE}'s own edges, which hold every
   * reverse (the caller locked them): probing the index for each edge, twice, cost 30 of a 184 ms
   * batch at 1M rows.
   */
  private static final String REVERSE_IN_BATCH = "JOIN reverse_of r ON r.of = t.id";

  /**
   * From per-judge sums to belief: reads {@code logs} (edge_id, support, judge_id, log_missed: the
   * sum of ln(rand_{s,d}) over the judge's documents for the edge, or against it) and {@code
   * target} (id, review_state); ends in {@code belief}, which holds target's columns, {@code
   * scored}, the model's value, and {@code b}, the value the edge shows once its decision applies. Every statement that
   * scores an edge ends in it, so belief has one definition.
   */
  private static final String COMBINE = ""
      + " per_judge AS (SELECT l.edge_id, l.support,"
      + "   least(1, coalesce(j.syst, (SELECT syst FROM unknown)) + exp(greatest(-700, l.log_missed))) AS missed"
      + "   FROM logs l LEFT JOIN judge j ON j.j = l.judge_id),"
      + " parts AS (SELECT edge_id,"
      + "   1 - CASE WHEN sum(ln(greatest(1e-300, missed))) FILTER (WHERE support) < -700 THEN 0"
      + "     ELSE exp(sum(ln(greatest(1e-300, missed))) FILTER (WHERE support)) END AS support,"
      + "   1 - CASE WHEN sum(ln(greatest(1e-300, missed))) FILTER (WHERE NOT support) < -700 THEN 0"
      + "     ELSE exp(sum(ln(greatest(1e-300, missed))) FILTER (WHERE NOT support)) END AS against"
      + "   FROM per_judge GROUP BY edge_id),"
      + " belief AS (SELECT t.*, coalesce(p.support, 0) * (1 - coalesce(p.against, 0)) AS scored,"
      + "   CASE t.review_state WHEN 'accepted' THEN 1.0 WHEN 'rejected' THEN 0.0 WHEN 'reversed' THEN 0.0"
      + "   ELSE coalesce(p.support, 0) * (1 - coalesce(p.against, 0)) END AS b"
      + "   FROM target t LEFT JOIN parts p ON p.edge_id = t.id)";

  /**
   * The belief of each edge of {@code target} (id, cause_id, effect_id, review_state) from the
   * sums kept in {@code edge_judges}: its own, and against it its reverse's, or, where negated
   * statements about its two variables exist, those merged with the reverse's documents. {@code
   * reverseOfT} joins each target edge {@code t} to its reverse as {@code r}.
   */
  private static String belief(String reverseOfT) {
    return ""
        + " negated AS (SELECT t.id AS edge_id, v.judge_id, v.document_id, " + POINT + " AS p"
        + "   FROM target t JOIN surface_forms a ON a.variable_id = t.cause_id"
        + "   JOIN surface_forms b ON b.variable_id = t.effect_id"
        + "   JOIN evidence v ON v.label = 'none' AND 'negated' = ANY (v.qualifiers)"
        + "   AND ((v.cause_variable = a.name AND v.effect_variable = b.name)"
        + "   OR (v.cause_variable = b.name AND v.effect_variable = a.name))"
        + "   WHERE v.review IS DISTINCT FROM 'rejected'),"
        // Against: the opposite edge's sums, or, where negated statements join them, the two sets of
        // documents merged (a document counts once per judge either way).
        // LATERAL: probe each edge's sums by its id; a plain join hashed the whole table.
        + " logs AS (SELECT t.id AS edge_id, true AS support, s.judge_id, s.log_missed FROM target t,"
        + "   LATERAL (SELECT judge_id, log_missed FROM edge_judges WHERE edge_id = t.id) s"
        + " UNION ALL SELECT t.id, false, s.judge_id, s.log_missed FROM target t " + reverseOfT + ","
        + "   LATERAL (SELECT judge_id, log_missed FROM edge_judges WHERE edge_id = r.id) s"
        + "   WHERE t.id NOT IN (SELECT edge_id FROM negated)"
        + " UNION ALL SELECT x.edge_id, false, x.judge_id, sum(" + term(RAND, "x.p") + ") FROM"
        + "   (SELECT edge_id, judge_id, document_id, max(p) AS p FROM"
        + "     (SELECT edge_id, judge_id, document_id, p FROM negated"
        + "     UNION ALL SELECT t.id, d.judge_id, d.document_id, d.p FROM target t " + reverseOfT
        + "       JOIN edge_documents d ON d.edge_id = r.id WHERE t.id IN (SELECT edge_id FROM negated)) u"
        + "   GROUP BY 1, 2, 3) x LEFT JOIN judge j ON j.j = x.judge_id GROUP BY x.edge_id, x.judge_id, j.rand),"
        + COMBINE;
  }

  /** Scores the target edges from their aggregates: belief, flags, state, priority. */
  private static final String SCORE = "WITH " + RATES + ","
      // What folding added to the counts (COUNTS, in order); the rebuilt edges' counts start from 0.
      + " added(edge_id, " + String.join(", ", COUNTS) + ") AS (SELECT * FROM unnest(?::bigint[]"
      + ", ?::int[]".repeat(COUNTS.size()) + ")),"
      + " counted AS (SELECT e.id, e.cause_id, e.effect_id, e.review_state, e.flags,"
      + COUNTS.stream().map(n -> " CASE WHEN e.id = ANY (?) THEN 0 ELSE e." + n + " END + coalesce(a." + n + ", 0) AS "
          + n + ",").collect(java.util.stream.Collectors.joining())
      + "   (e.judges_disagree AND NOT e.id = ANY (?)) OR e.id = ANY (?) AS judges_disagree"
      + "   FROM edges e LEFT JOIN added a ON a.edge_id = e.id WHERE e.id = ANY (?)),"
      + " target AS (SELECT * FROM counted WHERE NOT ? OR review_state IN ('unreviewed', 'needs_review')),"
      + " reverse_of AS MATERIALIZED (SELECT t.id AS of, r.id, r.evidence_count FROM counted t"
      + "   JOIN counted r ON r.cause_id = t.effect_id AND r.effect_id = t.cause_id),"
      + belief(REVERSE_IN_BATCH) + ","
      // Materialized: the flags are read three times by the update, and an inlined subquery ran three times.
      + " facts AS MATERIALIZED (SELECT t.id, t.cause_id, t.effect_id, t.evidence_count AS n,"
      + "   t.document_count AS docs,"
      + "   t.evidence_count > 0 AND t.single_sentence_count = 0 AS cross_only, t.qualified_count > 0 AS hedged,"
      + "   coalesce(r.evidence_count, 0) > 0 AS reverse,"
      + "   EXISTS (SELECT 1 FROM evidence u JOIN surface_forms a ON a.variable_id = t.cause_id"
      + "     JOIN surface_forms b ON b.variable_id = t.effect_id WHERE u.failure IS NOT NULL"
      + "     AND ((u.cause_variable = a.name AND u.effect_variable = b.name)"
      + "     OR (u.cause_variable = b.name AND u.effect_variable = a.name))) AS unanswered,"
      + "   t.single_sentence_count AS single, t.qualified_count AS qualified, t.judges_disagree AS disagree, t.flags,"
      + "   t.increases_count AS up, t.decreases_count AS down"
      + "   FROM target t LEFT " + REVERSE_IN_BATCH + "),"
      + " flagged AS MATERIALIZED (SELECT b.id, b.b, x.n, x.docs, x.single, x.qualified, x.disagree, x.up, x.down,"
      + "   greatest(0, dc.degree + de.degree - 2) AS others,"
      + "   array_remove(ARRAY["
      + "   CASE WHEN b.scored < ? THEN '" + EdgeFlag.LOW_BELIEF.wire() + "' END,"
      + "   CASE WHEN x.reverse THEN '" + EdgeFlag.BOTH_DIRECTIONS.wire() + "' END,"
      + "   CASE WHEN x.docs = 1 THEN '" + EdgeFlag.SINGLE_DOCUMENT.wire() + "' END,"
      + "   CASE WHEN x.cross_only THEN '" + EdgeFlag.CROSS_SENTENCE_ONLY.wire() + "' END,"
      + "   CASE WHEN x.hedged THEN '" + EdgeFlag.HEDGED_OR_NEGATED.wire() + "' END,"
      + "   CASE WHEN x.unanswered THEN '" + EdgeFlag.REASONING_FAILED.wire() + "' END,"
      + "   CASE WHEN x.disagree THEN '" + EdgeFlag.JUDGES_DISAGREE.wire() + "' END,"
      + "   CASE WHEN '" + EdgeFlag.IN_CYCLE.wire() + "' = ANY (x.flags) OR dc.component = de.component THEN '"
      + EdgeFlag.IN_CYCLE.wire() + "' END,"
      + "   CASE WHEN x.up > 0 AND x.down > 0 THEN '" + EdgeFlag.POLARITY_CONFLICT.wire() + "' END], NULL) AS flags"
      + "   FROM belief b JOIN facts x ON x.id = b.id"
      + "   JOIN variables dc ON dc.id = x.cause_id JOIN variables de ON de.id = x.effect_id)"
      + " UPDATE edges e SET belief = f.b, flags = f.flags, evidence_count = f.n, document_count = f.docs,"
      + "   single_sentence_count = f.single, qualified_count = f.qualified, judges_disagree = f.disagree,"
      + "   increases_count = f.up, decreases_count = f.down,"
      + "   priority = " + ReviewPriority.sql("f.b", "f.flags", "f.docs", "f.others") + ","
      + "   review_state = CASE WHEN e.review_state IN ('accepted', 'rejected', 'reversed') THEN e.review_state"
      + "     WHEN f.flags && ?::text[] THEN 'needs_review' ELSE 'unreviewed' END,"
      + "   updated_at = now() FROM flagged f WHERE e.id = f.id";

  /**
   * A recalibrated belief's consequences: from {@code belief} (with the target's id, cause_id,
   * effect_id, flags, document_count, belief and priority), the CTE {@code flagged} with the edge's
   * new flags (the low-belief flag set again; the others and the counts stay as the last write left
   * them, since none of them reads a rate), priority (with the variables' degrees as last counted),
   * state, whether any of it changed beyond the recalibration tolerance, and the {@code carried}
   * columns. Five parameters: the review flags, the tolerance twice, the low-belief threshold twice.
   */
  private static String recalibrated(String carried) {
    // low_belief first, as SCORE lists it.
    return " flagged AS MATERIALIZED (SELECT x.*,"
        + "   " + ReviewPriority.sql("x.b", "x.flags", "x.docs", "x.others") + " AS priority,"
        + "   CASE WHEN x.flags && ?::text[] THEN 'needs_review' ELSE 'unreviewed' END AS state,"
        // A belief within the tolerance stays; the priority moves at most 6 times as far as the belief.
        + "   abs(x.b - x.old_b) > ? OR x.flags <> x.old_flags"
        + "   OR abs(" + ReviewPriority.sql("x.b", "x.flags", "x.docs", "x.others") + " - x.old_priority) > 6 * ?"
        + "   AS changed"
        + " FROM (SELECT b.id, b.b, b.document_count AS docs, greatest(0, dc.degree + de.degree - 2) AS others,"
        // Arrays rebuilt only where the flag comes or goes: building one per edge cost 4 s at 1M rows.
        + "   CASE WHEN (b.scored < ?) = ('" + EdgeFlag.LOW_BELIEF.wire() + "' = ANY (b.flags)) THEN b.flags"
        + "   WHEN b.scored < ? THEN ARRAY['" + EdgeFlag.LOW_BELIEF.wire() + "'] || b.flags"
        + "   ELSE array_remove(b.flags, '" + EdgeFlag.LOW_BELIEF.wire() + "') END AS flags,"
        + "   b.belief AS old_b, b.flags AS old_flags, b.priority AS old_priority" + carried
        + "   FROM belief b JOIN variables dc ON dc.id = b.cause_id JOIN variables de ON de.id = b.effect_id) x)";
  }

  private static final String UNDECIDED = "review_state IN ('unreviewed', 'needs_review')";

  /**
   * Re-scores undecided edges, one chunk, after the judges' rates changed and nothing else did,
   * from their (refreshed) sums: for the edges {@link #STAGE} leaves out.
   */
  private static final String RESCALE = "WITH " + RATES + ","
      + " target AS (SELECT e.id, e.cause_id, e.effect_id, e.review_state, e.flags, e.document_count, e.belief,"
      + "   e.priority FROM edges e WHERE e.id = ANY (?) AND e." + UNDECIDED + "),"
      + belief(REVERSE_PROBED) + "," + recalibrated("")
      + " UPDATE edges e SET belief = f.b, flags = f.flags, priority = f.priority, review_state = f.state,"
      + "   updated_at = now() FROM flagged f WHERE e.id = f.id AND f.changed";

  /** Edges that negated statements about their two variables speak against (their own or reversed). */
  private static final String NEGATED_EDGES = "WITH negated AS (SELECT a.variable_id AS a, b.variable_id AS b"
      + "   FROM evidence v JOIN surface_forms a ON a.name = v.cause_variable"
      + "   JOIN surface_forms b ON b.name = v.effect_variable"
      + "   WHERE v.label = 'none' AND 'negated' = ANY (v.qualifiers) AND v.review IS DISTINCT FROM 'rejected')"
      // One equality join per direction: joined on "one direction OR the other", the edges were
      // walked whole against the statements, 1.8 s at 717k edges with none to find.
      + " SELECT e.id FROM negated n JOIN edges e ON e.cause_id = n.a AND e.effect_id = n.b"
      + " UNION SELECT e.id FROM negated n JOIN edges e ON e.cause_id = n.b AND e.effect_id = n.a";

  /**
   * The recalibrated belief of every undecided edge, in one read of the whole graph: the per-judge
   * sums re-summed from {@code edge_documents} at the current rates (the sums kept in {@code
   * edge_judges} stay at their old rate, for the next write to refresh), joined by hashing, not
   * probed edge by edge; with the flags, priority and state that follow, and the edge's row version
   * ({@code xmin}), so that applying it can tell an edge a write changed since. Only the edges
   * that change are staged, so that finding the edges written since ({@link #MOVED}) joins no
   * stage of every edge (0.6-0.75 s at 1M rows; the scan that replaced it 0.2-0.3 s); the
   * statement returns how many it read. Edges with negated statements are
   * left to {@link #RESCALE}.
   */
  private static final String STAGE = "WITH " + RATES + ","
      + " target AS (SELECT e.id, e.cause_id, e.effect_id, e.review_state, e.flags, e.document_count, e.belief,"
      + "   e.priority, e.xmin AS row_xmin FROM edges e"
      + "   WHERE e." + UNDECIDED + " AND e.id NOT IN (" + NEGATED_EDGES + ")),"
      + " resum AS (SELECT d.edge_id, d.judge_id, sum(" + term(RAND, "d.p") + ") AS log_missed"
      + "   FROM edge_documents d LEFT JOIN judge j ON j.j = d.judge_id GROUP BY 1, 2),"
      // Every edge's own sums, not only the target's: belief keeps the target's, and filtering
      // here cost a second hash of the target (3 s of 15 at 1M rows).
      + " logs AS (SELECT edge_id, true AS support, judge_id, log_missed FROM resum"
      + " UNION ALL SELECT t.id, false, s.judge_id, s.log_missed FROM target t"
      + "   JOIN edges r ON r.cause_id = t.effect_id AND r.effect_id = t.cause_id JOIN resum s ON s.edge_id = r.id),"
      + COMBINE + "," + recalibrated(", b.row_xmin") + ","
      + " staged AS (INSERT INTO recalibration_stage (id, row_xmin, belief, flags, priority, review_state)"
      + "   SELECT id, row_xmin, b, flags, priority, state FROM flagged WHERE changed)"
      + " SELECT count(*) FROM flagged";

  /**
   * Undecided edges the stage left alone that a write changed since (perhaps with the rates from
   * before the reviews), once the changes are written: those whose row version is as new as the
   * oldest transaction running when the stage read (the parameter, an {@code xid}). That takes in
   * a few edges written just before the read, which are scored again for nothing; {@code age}
   * compares transaction ids across wraparound.
   */
  private static final String MOVED = "SELECT e.id FROM edges e WHERE e." + UNDECIDED
      + " AND age(e.xmin) <= age(?::text::xid)"
      + " AND NOT EXISTS (SELECT 1 FROM recalibration_stage s WHERE s.id = e.id)";

  /** One chunk of the stage's changes, by id range, to be written on any connection. */
  private static final String STAGED_CHUNK = "SELECT id, row_xmin::text::bigint, belief, flags::text, priority,"
      + " review_state FROM recalibration_stage WHERE id BETWEEN ? AND ? ORDER BY id";

  /**
   * Writes a chunk of staged changes to the edges whose row is as staged and that no writer holds:
   * the row lock skips, never waits. The chunk comes as arrays, so any connection can write it,
   * not only the one whose session holds the stage. Returns the edges written.
   */
  private static final String WRITE_CHUNK = "WITH s AS (SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::float8[],"
      + "   ?::text[], ?::float8[], ?::text[]) AS s (id, row_xmin, belief, flags, priority, review_state)),"
      // The locked rows carry their new values: joining the array rows again by id was planned as a
      // scan of all of them per row (the planner takes an array for 10 rows).
      + " held AS MATERIALIZED (SELECT e.id, s.belief, s.flags, s.priority, s.review_state FROM edges e"
      + "   JOIN s ON s.id = e.id WHERE e.xmin::text::bigint = s.row_xmin ORDER BY e.id"
      + "   FOR NO KEY UPDATE OF e SKIP LOCKED)"
      + " UPDATE edges e SET belief = h.belief, flags = h.flags::text[], priority = h.priority,"
      + "   review_state = h.review_state, updated_at = now() FROM held h WHERE h.id = e.id RETURNING e.id";

  private final JudgeRates rates;
  private final double lowBelief;
  private final Set<EdgeFlag> reviewFlags;
  private final double tolerance;

  /**
   * @param reviewFlags the flags that send an edge to {@code needs_review}; an undecided edge
   *     with none of them is {@code unreviewed}
   */
  public EdgeScorer(JudgeRates rates, double lowBelief, Set<EdgeFlag> reviewFlags) {
    this(rates, lowBelief, reviewFlags, 0);
  }

  /**
   * @param tolerance how far a recalibration lets a stored belief lie from the one the current
   *     rates give before it rewrites the edge (0: every change is written); a write or a review
   *     of the edge always stores the exact value
   */
  public EdgeScorer(JudgeRates rates, double lowBelief, Set<EdgeFlag> reviewFlags, double tolerance) {
    if (!(tolerance >= 0 && tolerance < 0.1)) {
      throw new IllegalArgumentException("the recalibration tolerance must be at least 0 and below 0.1, not "
          + tolerance);
    }
    this.rates = rates;
    this.lowBelief = lowBelief;
    this.reviewFlags = reviewFlags.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(
        java.util.EnumSet.copyOf(reviewFlags));
    this.tolerance = tolerance;
  }

  /** A scorer for which every flag sends an edge to review. */
  public EdgeScorer(JudgeRates rates, double lowBelief) {
    this(rates, lowBelief, java.util.EnumSet.allOf(EdgeFlag.class));
  }

  /** The reviews so far applied to the judges' error rates. */
  public EdgeScorer withReviews(Map<String, ReviewCounts> counts) {
    return new EdgeScorer(rates.withReviews(counts), lowBelief, reviewFlags, tolerance);
  }

  public Set<EdgeFlag> reviewFlags() {
    return reviewFlags;
  }

  /**
   * Brings the undecided edges' states in line with the configured review flags, when they were
   * last settled with another list (or before the list was configuration): one statement over
   * the undecided edges, run when the store opens.
   */
  public void settleReviewStates(Connection c) throws SQLException {
    String wanted = reviewFlags.stream().map(EdgeFlag::wire).sorted().collect(java.util.stream.Collectors.joining(","));
    try (PreparedStatement read = c.prepareStatement("SELECT value FROM store_settings WHERE key = 'review.flags'")) {
      try (ResultSet rs = read.executeQuery()) {
        if (rs.next() && rs.getString(1).equals(wanted)) {
          return;
        }
      }
    }
    Object[] flags = reviewFlags.stream().map(EdgeFlag::wire).toArray();
    try (PreparedStatement s = c.prepareStatement("UPDATE edges SET review_state = CASE WHEN flags && ?::text[]"
        + " THEN 'needs_review' ELSE 'unreviewed' END WHERE review_state IN ('needs_review', 'unreviewed')"
        + " AND (review_state = 'needs_review') <> (flags && ?::text[])")) {
      s.setArray(1, c.createArrayOf("text", flags));
      s.setArray(2, c.createArrayOf("text", flags));
      int changed = s.executeUpdate();
      LOG.info("review flags are now {}: {} undecided edges changed state", wanted.isEmpty() ? "none" : wanted, changed);
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO store_settings (key, value) VALUES ('review.flags', ?)"
        + " ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
      s.setString(1, wanted);
      s.executeUpdate();
    }
  }

  public double lowBelief() {
    return lowBelief;
  }

  public JudgeRates rates() {
    return rates;
  }

  /**
   * Folds newly stored evidence rows into their edges' aggregates and scores the edges they touch:
   * their own, {@code alsoTouched} (edges a failed, negated or "none" answer is about), edges whose
   * judges now disagree, and the reverses of all these. Each row must be folded in exactly once.
   * Returns how many edges were scored.
   */
  public int addEvidence(Connection c, Collection<String> evidenceIds, Collection<Long> alsoTouched)
      throws SQLException {
    if (evidenceIds.isEmpty()) {
      return 0;
    }
    customPlans(c);
    long t0 = System.nanoTime();
    Object[] ids = evidenceIds.toArray();
    Set<Long> edges = new TreeSet<>(alsoTouched);
    Set<Long> disagreeing = new TreeSet<>();
    try (PreparedStatement s = c.prepareStatement(TOUCHED_BY_EVIDENCE)) {
      s.setArray(1, c.createArrayOf("text", ids));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          edges.add(rs.getLong(1));
          if (rs.getBoolean(2)) {
            disagreeing.add(rs.getLong(1));
          }
        }
      }
    }
    Set<Long> all = lockWithReverses(c, edges);
    long t1 = System.nanoTime();
    Folded added = fold(c, FOLD, 1, "text", ids);
    long t2 = System.nanoTime();
    int scored = score(c, all, false, added, Set.of(), disagreeing);
    LOG.debug("added {} evidence rows, scored {} edges: find and lock {} ms, fold {} ms, score {} ms", ids.length,
        scored, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
    return scored;
  }

  /**
   * Re-scores the undecided edges among {@code edges} (and their reverses) after the judges' rates
   * changed. It never waits for a writer: an edge a writer holds (or whose reverse it holds) is
   * skipped and returned, for the caller to try again once that write has committed.
   */
  public Set<Long> recalibrate(Connection c, Collection<Long> edges) throws SQLException {
    if (edges.isEmpty()) {
      return Set.of();
    }
    customPlans(c);
    Map<Long, Long> reverses = reverses(c, edges);
    Set<Long> wanted = new TreeSet<>(edges);
    wanted.addAll(reverses.keySet());
    Set<Long> held = new TreeSet<>();
    try (PreparedStatement lock = c.prepareStatement(
        "SELECT id FROM edges WHERE id = ANY (?) ORDER BY id FOR NO KEY UPDATE SKIP LOCKED")) {
      lock.setArray(1, c.createArrayOf("bigint", wanted.toArray()));
      try (ResultSet rs = lock.executeQuery()) {
        while (rs.next()) {
          held.add(rs.getLong(1));
        }
      }
    }
    Set<Long> skipped = new TreeSet<>(wanted);
    skipped.removeAll(held);
    // An edge's belief reads its reverse's sums: both or neither.
    Set<Long> scored = new TreeSet<>();
    for (long id : held) {
      Long reverse = reverses.get(id);
      if (reverse == null || held.contains(reverse)) {
        scored.add(id);
      } else {
        skipped.add(id);
      }
    }
    rescale(c, scored);
    skipped.retainAll(new TreeSet<>(edges));
    return skipped;
  }

  /**
   * What {@link #stageRecalibration} staged: how many edges it read, those of them whose belief,
   * flags or state change (in id order), the edges it left to {@link #recalibrate}, and the
   * oldest transaction running when it read (a 32-bit {@code xid}), for {@link #movedSinceStaged}.
   */
  public record Stage(int staged, long[] changed, Set<Long> exact, long readXmin) {}

  /**
   * Computes every undecided edge's belief at the current rates into the session's {@code
   * recalibration_stage}, in one read of the graph that takes no lock; {@link #stagedChunk} reads
   * the changes chunk by chunk on this connection, {@link #applyChunk} writes them on any, and
   * {@link #movedSinceStaged} lists the edges writes changed meanwhile. The caller commits.
   */
  public Stage stageRecalibration(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE IF NOT EXISTS recalibration_stage (id bigint NOT NULL, row_xmin xid NOT NULL,"
          + " belief float8, flags text[], priority float8, review_state text)");
      s.execute("CREATE INDEX IF NOT EXISTS recalibration_stage_id ON recalibration_stage (id)");
      s.execute("TRUNCATE recalibration_stage");
      // Re-summing aggregates a million groups: in memory, not in batches on disk. And each edge's
      // reverse found by hashing all edges once: probing the index per edge cost 6 s of 20 at 1M rows.
      s.execute("SET LOCAL work_mem = '256MB'");
      s.execute("SET LOCAL enable_nestloop = off");
    }
    long readXmin;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint % 4294967296")) {
      rs.next();
      readXmin = rs.getLong(1);
    }
    int staged;
    try (PreparedStatement s = c.prepareStatement(STAGE)) {
      bindRecalibrated(c, s, bindRates(c, s));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        staged = rs.getInt(1);
      }
    }
    java.util.stream.LongStream.Builder changed = java.util.stream.LongStream.builder();
    try (Statement s = c.createStatement()) {
      // A temporary table has no statistics until asked, and the chunks' range scans need them.
      s.execute("ANALYZE recalibration_stage");
      try (ResultSet rs = s.executeQuery("SELECT id FROM recalibration_stage ORDER BY id")) {
        while (rs.next()) {
          changed.add(rs.getLong(1));
        }
      }
    }
    return new Stage(staged, changed.build().toArray(), select(c, NEGATED_EDGES, "bigint"), readXmin);
  }

  /**
   * The staged changes of a run of edges, in id order: read on the stage's connection, written on
   * any ({@link #applyChunk}).
   */
  public record StagedChunk(long[] ids, long[] rowXmins, double[] beliefs, String[] flags, double[] priorities,
      String[] states) {}

  /**
   * The staged changes {@code from} to {@code to} (exclusive, indexes into {@code stage.changed()}),
   * read from the stage on its connection.
   */
  public StagedChunk stagedChunk(Connection c, Stage stage, int from, int to) throws SQLException {
    int n = Math.max(0, to - from);
    StagedChunk chunk = new StagedChunk(new long[n], new long[n], new double[n], new String[n], new double[n],
        new String[n]);
    if (n == 0) {
      return chunk;
    }
    try (PreparedStatement s = c.prepareStatement(STAGED_CHUNK)) {
      s.setLong(1, stage.changed()[from]);
      s.setLong(2, stage.changed()[to - 1]);
      try (ResultSet rs = s.executeQuery()) {
        int i = 0;
        while (rs.next()) {
          chunk.ids()[i] = rs.getLong(1);
          chunk.rowXmins()[i] = rs.getLong(2);
          chunk.beliefs()[i] = rs.getDouble(3);
          chunk.flags()[i] = rs.getString(4);
          chunk.priorities()[i] = rs.getDouble(5);
          chunk.states()[i] = rs.getString(6);
          i++;
        }
        if (i != n) {
          throw new IllegalStateException("the recalibration stage holds " + i + " changes between edges "
              + stage.changed()[from] + " and " + stage.changed()[to - 1] + ", not " + n);
        }
      }
    }
    return chunk;
  }

  /**
   * Writes a chunk of staged changes to the edges whose row is as it was staged and that no writer
   * holds, on any connection. Returns the others, for {@link #recalibrate}: a write changed them
   * since, or holds them now.
   */
  public Set<Long> applyChunk(Connection c, StagedChunk chunk) throws SQLException {
    if (chunk.ids().length == 0) {
      return Set.of();
    }
    Set<Long> written = new java.util.HashSet<>();
    try (PreparedStatement s = c.prepareStatement(WRITE_CHUNK)) {
      s.setArray(1, c.createArrayOf("bigint", java.util.Arrays.stream(chunk.ids()).boxed().toArray()));
      s.setArray(2, c.createArrayOf("bigint", java.util.Arrays.stream(chunk.rowXmins()).boxed().toArray()));
      s.setArray(3, c.createArrayOf("float8", java.util.Arrays.stream(chunk.beliefs()).boxed().toArray()));
      s.setArray(4, c.createArrayOf("text", chunk.flags()));
      s.setArray(5, c.createArrayOf("float8", java.util.Arrays.stream(chunk.priorities()).boxed().toArray()));
      s.setArray(6, c.createArrayOf("text", chunk.states()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          written.add(rs.getLong(1));
        }
      }
    }
    Set<Long> left = new TreeSet<>();
    for (long id : chunk.ids()) {
      if (!written.contains(id)) {
        left.add(id);
      }
    }
    return left;
  }

  /** The undecided edges without a staged change that writes changed since the stage, for {@link #recalibrate}. */
  public Set<Long> movedSinceStaged(Connection c, Stage stage) throws SQLException {
    Set<Long> ids = new TreeSet<>();
    try (PreparedStatement s = c.prepareStatement(MOVED)) {
      s.setString(1, Long.toString(stage.readXmin()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  /**
   * Re-scores {@code edges} and their reverses from their stored aggregates, after a change that
   * leaves their evidence as it was: a decision on the edge.
   */
  public int rescoreStored(Connection c, Collection<Long> edges) throws SQLException {
    if (edges.isEmpty()) {
      return 0;
    }
    customPlans(c);
    return score(c, lockWithReverses(c, edges), false, Folded.NONE, Set.of(), Set.of());
  }

  /**
   * Rebuilds the aggregates of {@code edges} from their evidence (after evidence left, moved or was
   * reviewed) and re-scores them and their reverses; with {@code undecidedOnly} the decided ones
   * keep their belief and state. Returns how many were scored.
   */
  public int rescore(Connection c, Collection<Long> edges, boolean undecidedOnly) throws SQLException {
    if (edges.isEmpty()) {
      return 0;
    }
    customPlans(c);
    Set<Long> all = lockWithReverses(c, edges);
    Set<Long> rebuilt = new TreeSet<>(edges);
    Object[] ids = rebuilt.toArray();
    Folded added = fold(c, REBUILD, 3, "bigint", ids);
    return score(c, all, undecidedOnly, added, rebuilt, select(c, DISAGREEING_BY_EDGE, "bigint", ids));
  }

  /** What folding rows added to each edge's counts: the edge ids, then one column per {@link #COUNTS}. */
  private record Folded(Object[] edge, Object[][] counts) {
    static final Folded NONE = new Folded(new Object[0], new Object[COUNTS.size()][0]);
  }

  /** Runs a fold or a rebuild, its rows' array bound to each of the {@code uses} parameters after the rates. */
  private Folded fold(Connection c, String sql, int uses, String type, Object[] ids) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    int width = 1 + COUNTS.size();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int next = bindRates(c, s);
      java.sql.Array array = c.createArrayOf(type, ids);
      for (int i = 0; i < uses; i++) {
        s.setArray(next + i, array);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[width];
          row[0] = rs.getLong(1);
          for (int col = 1; col < width; col++) {
            row[col] = rs.getInt(col + 1);
          }
          rows.add(row);
        }
      }
    }
    Object[][] columns = new Object[width][rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int col = 0; col < width; col++) {
        columns[col][r] = rows.get(r)[col];
      }
    }
    return new Folded(columns[0], java.util.Arrays.copyOfRange(columns, 1, width));
  }

  /**
   * The edges and their reverses, their rows locked in id order (as every writer locks them, so
   * concurrent writers cannot deadlock).
   */
  private static Set<Long> lockWithReverses(Connection c, Collection<Long> edges) throws SQLException {
    Set<Long> all = new TreeSet<>(edges);
    all.addAll(reverses(c, edges).keySet());
    // NO KEY UPDATE: a writer's new evidence holds key-share locks on its edges (the foreign key)
    // before it gets here, and FOR UPDATE would wait on those.
    try (PreparedStatement lock = c.prepareStatement(
        "SELECT id FROM edges WHERE id = ANY (?) ORDER BY id FOR NO KEY UPDATE")) {
      lock.setArray(1, c.createArrayOf("bigint", all.toArray()));
      lock.executeQuery().close();
    }
    return all;
  }

  /** Each edge's reverse, both ways: the reverse as key, the edge as value, and the edge as key too. */
  private static Map<Long, Long> reverses(Connection c, Collection<Long> edges) throws SQLException {
    Map<Long, Long> out = new java.util.HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT e.id, r.id FROM edges e, LATERAL (SELECT id FROM edges"
        + " WHERE cause_id = e.effect_id AND effect_id = e.cause_id) r WHERE e.id = ANY (?)")) {
      s.setArray(1, c.createArrayOf("bigint", edges.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(2), rs.getLong(1));
          out.put(rs.getLong(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  /**
   * Planned for each call's edges: once the driver prepares a statement server-side, PostgreSQL
   * may settle on a generic plan made with earlier, smaller tables' statistics, which turned a 0.3 s
   * batch into 30 s.
   */
  private static void customPlans(Connection c) throws SQLException {
    try (Statement set = c.createStatement()) {
      set.execute("SET LOCAL plan_cache_mode = force_custom_plan");
      // The graph's working set is in memory: an index probe costs about what a sequential read
      // does. At the default (4), given a few thousand edge ids the planner hashed whole tables
      // (edges, edge_judges) per batch, so a batch of constant size cost more as the graph grew.
      set.execute("SET LOCAL random_page_cost = 1.1");
    }
  }

  /**
   * Brings the edges' per-judge sums to the current rates, then scores the edges with the counts
   * folding added ({@code rebuilt} edges' counts start from 0, their disagreement from false).
   */
  private int score(Connection c, Set<Long> edges, boolean undecidedOnly, Folded added, Set<Long> rebuilt,
      Set<Long> disagreeing) throws SQLException {
    Object[] ids = edges.toArray();
    try (PreparedStatement s = c.prepareStatement(REFRESH)) {
      s.setArray(bindRates(c, s), c.createArrayOf("bigint", ids));
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement(SCORE)) {
      int next = bindRates(c, s);
      s.setArray(next++, c.createArrayOf("bigint", added.edge()));
      for (Object[] column : added.counts()) {
        s.setArray(next++, c.createArrayOf("int4", column));
      }
      java.sql.Array rebuiltIds = c.createArrayOf("bigint", rebuilt.toArray());
      // Each count starts from 0 on a rebuilt edge, and so does its disagreement.
      for (int i = 0; i <= COUNTS.size(); i++) {
        s.setArray(next++, rebuiltIds);
      }
      s.setArray(next++, c.createArrayOf("bigint", disagreeing.toArray()));
      s.setArray(next++, c.createArrayOf("bigint", ids));
      s.setBoolean(next++, undecidedOnly);
      s.setDouble(next++, lowBelief);
      s.setArray(next, c.createArrayOf("text", reviewFlags.stream().map(EdgeFlag::wire).toArray()));
      return s.executeUpdate();
    }
  }

  /** Brings the edges' per-judge sums to the current rates and re-scores what the rates decide. */
  private int rescale(Connection c, Set<Long> edges) throws SQLException {
    java.sql.Array ids = c.createArrayOf("bigint", edges.toArray());
    try (PreparedStatement s = c.prepareStatement(REFRESH)) {
      s.setArray(bindRates(c, s), ids);
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement(RESCALE)) {
      int next = bindRates(c, s);
      s.setArray(next++, ids);
      bindRecalibrated(c, s, next);
      return s.executeUpdate();
    }
  }

  /** Binds the parameters of {@link #recalibrated} from {@code next}. */
  private void bindRecalibrated(Connection c, PreparedStatement s, int next) throws SQLException {
    s.setArray(next++, c.createArrayOf("text", reviewFlags.stream().map(EdgeFlag::wire).toArray()));
    s.setDouble(next++, tolerance);
    s.setDouble(next++, tolerance);
    s.setDouble(next++, lowBelief);
    s.setDouble(next, lowBelief);
  }

  /** Binds {@link #RATES}; returns the next parameter's index. */
  private int bindRates(Connection c, PreparedStatement s) throws SQLException {
    List<String> judges = new ArrayList<>(rates.knownJudges());
    Double[] syst = new Double[judges.size()];
    Double[] rand = new Double[judges.size()];
    for (int i = 0; i < judges.size(); i++) {
      JudgePrior prior = rates.prior(judges.get(i));
      syst[i] = prior.systematicError();
      rand[i] = prior.randomError();
    }
    JudgePrior unknown = rates.unknownPrior();
    s.setArray(1, c.createArrayOf("text", judges.toArray()));
    s.setArray(2, c.createArrayOf("float8", syst));
    s.setArray(3, c.createArrayOf("float8", rand));
    s.setDouble(4, unknown.systematicError());
    s.setDouble(5, unknown.randomError());
    return 6;
  }

  /** The ids a query returns, given one array of {@code type} per parameter. */
  private static Set<Long> select(Connection c, String sql, String type, Object[]... arrays) throws SQLException {
    Set<Long> ids = new TreeSet<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < arrays.length; i++) {
        s.setArray(i + 1, c.createArrayOf(type, arrays[i]));
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }
}
