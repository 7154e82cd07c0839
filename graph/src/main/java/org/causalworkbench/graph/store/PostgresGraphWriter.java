package org.causalworkbench.graph.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.model.ProcessedDocument;
import org.causalworkbench.core.model.Qualifier;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.score.ReviewCounts;
import org.causalworkbench.graph.variables.VariableResolver;

/**
 * Writes documents and evidence to PostgreSQL and keeps edge scores current. Callers that write
 * concurrently should route the verdicts of one variable pair to one writer (the job keys by the
 * unordered pair); rows are also touched in sorted order so concurrent writers cannot deadlock.
 */
public final class PostgresGraphWriter implements GraphWriter {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PostgresGraphWriter.class);

  private final DataSource dataSource;
  private final EdgeScorer scorer;
  private final VariableResolver variables;
  private final Json json = new Json();
  // Rows this writer added since it last refreshed the planner's statistics, and how many then.
  private long sinceAnalyze;
  private long atAnalyze;
  private static final long FIRST_ANALYZE = 5_000;

  /** A writer whose variables are exact names (no clustering). */
  public PostgresGraphWriter(DataSource dataSource, EdgeScorer scorer) {
    this(dataSource, scorer, new VariableResolver(null, 1, 1));
  }

  public PostgresGraphWriter(DataSource dataSource, EdgeScorer scorer, VariableResolver variables) {
    this.dataSource = dataSource;
    this.scorer = scorer;
    this.variables = variables;
  }

  @Override
  public void writeDocuments(List<ProcessedDocument> documents) {
    if (documents.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement doc = c.prepareStatement(
              "INSERT INTO documents (id, source, title, text, metadata, sentences, units, candidate_pairs, annotation_ms)"
                  + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
          PreparedStatement sentence = c.prepareStatement(
              "INSERT INTO sentences (document_id, idx, begin_offset, end_offset, text) VALUES (?, ?, ?, ?, ?)"
                  + " ON CONFLICT DO NOTHING")) {
        for (ProcessedDocument p : documents.stream()
            .sorted(java.util.Comparator.comparing(d -> d.document().id())).toList()) {
          doc.setString(1, p.document().id());
          doc.setString(2, p.document().source());
          doc.setString(3, p.document().title());
          doc.setString(4, p.document().text());
          doc.setString(5, json.writeString(p.document().metadata()));
          doc.setInt(6, p.sentences().size());
          doc.setInt(7, p.units());
          doc.setInt(8, p.candidatePairs());
          doc.setDouble(9, p.annotationNanos() / 1e6);
          if (doc.executeUpdate() == 0) {
            continue;
          }
          for (Sentence s : p.sentences()) {
            sentence.setString(1, p.document().id());
            sentence.setInt(2, s.index());
            sentence.setInt(3, s.begin());
            sentence.setInt(4, s.end());
            sentence.setString(5, s.text());
            sentence.addBatch();
          }
          sentence.executeBatch();
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot write " + documents.size() + " documents", e);
    }
  }

  @Override
  public void writeVerdicts(List<Verdict> verdicts) {
    if (verdicts.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long t0 = System.nanoTime();
        // A replay's verdicts are already stored: they name no variable and add to no count again.
        // (The job routes a pair's verdicts to one writer; two writers racing on one evidence id
        // would both count its mentions, while the insert and the aggregates still take it once.)
        List<Verdict> fresh = withCorrections(c, notStored(c, verdicts));
        List<Verdict> causal = fresh.stream().filter(PostgresGraphWriter::makesEdge).toList();
        Map<String, Integer> mentions = new HashMap<>();
        for (Verdict v : causal) {
          mentions.merge(v.causeVariable(), 1, Integer::sum);
          mentions.merge(v.effectVariable(), 1, Integer::sum);
        }
        long t1 = System.nanoTime();
        Map<String, Long> ids = mentions.isEmpty() ? Map.of() : variables.ids(c, mentions.keySet());
        // New forms and variables commit at once, before the batch's own work: a parallel writer
        // that meets the same new name waits for this short transaction, not for the whole batch
        // (at 200k rows the writers spent 38 of their 104 seconds waiting so). A batch that fails
        // after this leaves the forms for its retry, which finds them.
        c.commit();
        long t1b = System.nanoTime();
        // Two forms of one variable ("smoking", "cigarette smoking") make no edge between themselves.
        causal = causal.stream().filter(v -> !ids.get(v.causeVariable()).equals(ids.get(v.effectVariable()))).toList();
        Map<String, Long> edges = upsertEdges(c, causal, ids);
        Map<String, Long> edgeOf = new HashMap<>();
        for (Verdict v : causal) {
          edgeOf.put(v.evidenceId(), edges.get(edgeKey(ids.get(v.causeVariable()), ids.get(v.effectVariable()))));
        }
        long t2 = System.nanoTime();
        List<Verdict> inserted = insertEvidence(c, fresh, edgeOf);
        carryReviews(c, inserted.stream().filter(v -> edgeOf.containsKey(v.evidenceId())).map(Verdict::evidenceId)
            .toList());
        long t3 = System.nanoTime();
        Set<Long> between = edgesBetween(c, inserted.stream().filter(v -> !edgeOf.containsKey(v.evidenceId())).toList());
        int scored = scorer.withReviews(reviewCounts(c)).addEvidence(c,
            inserted.stream().map(Verdict::evidenceId).toList(), between);
        // Last: parallel writers share hub variables' forms and a run's counter rows, so they hold
        // those locks only until commit.
        variables.countMentions(c, mentions);
        countProducers(c, inserted);
        long t4 = System.nanoTime();
        c.commit();
        refreshStatisticsOnGrowth(c, inserted.size());
        if (LOG.isDebugEnabled()) {
          LOG.debug("wrote {} verdicts ({} new, {} edges scored): read {} ms, variables {} ms, edges {} ms,"
              + " evidence {} ms, scoring {} ms, commit {} ms", verdicts.size(), inserted.size(), scored,
              (t1 - t0) / 1_000_000, (t1b - t1) / 1_000_000, (t2 - t1b) / 1_000_000, (t3 - t2) / 1_000_000,
              (t4 - t3) / 1_000_000, (System.nanoTime() - t4) / 1_000_000);
        }
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot write " + verdicts.size() + " verdicts", e);
    }
  }

  /** The verdicts whose evidence is not stored yet, one per evidence id, in id order. */
  private static List<Verdict> notStored(Connection c, List<Verdict> verdicts) throws SQLException {
    Map<String, Verdict> byId = new java.util.TreeMap<>();
    for (Verdict v : verdicts) {
      byId.putIfAbsent(v.evidenceId(), v);
    }
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM evidence WHERE id = ANY (?)")) {
      s.setArray(1, c.createArrayOf("text", byId.keySet().toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          byId.remove(rs.getString(1));
        }
      }
    }
    return new ArrayList<>(byId.values());
  }

  /**
   * Runs ANALYZE each time what this writer added doubles. During a bulk load autovacuum's analyze
   * lags behind: with statistics from when the graph had a few hundred variables, PostgreSQL
   * scanned surface_forms once per scored edge and a batch went from 0.3 s to 7 s.
   */
  private synchronized void refreshStatisticsOnGrowth(Connection c, int added) throws SQLException {
    sinceAnalyze += added;
    if (sinceAnalyze < Math.max(FIRST_ANALYZE, atAnalyze)) {
      return;
    }
    long started = System.nanoTime();
    try (java.sql.Statement s = c.createStatement()) {
      s.execute("ANALYZE evidence, edges, variables, surface_forms");
    }
    c.commit();
    atAnalyze += sinceAnalyze;
    sinceAnalyze = 0;
    LOG.debug("refreshed planner statistics after {} rows written ({} ms)", atAnalyze,
        (System.nanoTime() - started) / 1_000_000);
  }

  private static boolean makesEdge(Verdict v) {
    return v.label().causal() && !v.causeVariable().equals(v.effectVariable());
  }

  /** Zero-padded, so sorted keys lock edges in one global order. */
  private static String edgeKey(long cause, long effect) {
    return String.format("%019d:%019d", cause, effect);
  }

  /** The SQL element type of each {@link #INSERT_EVIDENCE} parameter, in order. */
  private static final String COUNT_PRODUCERS = "INSERT INTO run_producers (run_id, judge_id, judge_version, evidence)"
      + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[])"
      + " ON CONFLICT (run_id, judge_id, judge_version) DO UPDATE SET evidence = run_producers.evidence + excluded.evidence";

  /** Adds the new evidence rows to their run's count per extractor or judge version. */
  private static void countProducers(Connection c, List<Verdict> inserted) throws SQLException {
    Map<List<String>, Long> counts = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
    for (Verdict v : inserted) {
      if (v.runId() != null) {
        counts.merge(List.of(v.runId(), v.judgeId(), v.judgeVersion()), 1L, Long::sum);
      }
    }
    if (counts.isEmpty()) {
      return;
    }
    Object[][] columns = new Object[4][counts.size()];
    int r = 0;
    for (Map.Entry<List<String>, Long> e : counts.entrySet()) {
      columns[0][r] = e.getKey().get(0);
      columns[1][r] = e.getKey().get(1);
      columns[2][r] = e.getKey().get(2);
      columns[3][r++] = e.getValue();
    }
    try (PreparedStatement upsert = c.prepareStatement(COUNT_PRODUCERS)) {
      String[] types = {"text", "text", "text", "bigint"};
      for (int col = 0; col < 4; col++) {
        upsert.setArray(col + 1, c.createArrayOf(types[col], columns[col]));
      }
      upsert.executeUpdate();
    }
  }

  private static final String[] EVIDENCE_TYPES = {"text", "text", "text", "text", "text", "text", "float8", "text",
      "text", "int4", "int4", "text", "int4", "int4", "text", "text", "text", "text", "text", "text", "int4", "int4",
      "int8", "int4", "int4", "text", "text", "text", "int8"};

  private static final String INSERT_EVIDENCE = "INSERT INTO evidence (id, document_id, unit_id, pair_id,"
      + " sentence_indexes, label, probability, judge_id, judge_version, cause_begin, cause_end, cause_text,"
      + " effect_begin, effect_end, effect_text, cause_variable, effect_variable, explanation, qualifiers, failure,"
      + " tokens_in, tokens_out, latency_ms, signal_begin, signal_end, signal_text, polarity, run_id, edge_id)"
      + " SELECT id, document_id, unit_id, pair_id, sentences::int[], label, probability, judge_id, judge_version,"
      + " cause_begin, cause_end, cause_text, effect_begin, effect_end, effect_text, cause_variable,"
      + " effect_variable, explanation, qualifiers::text[], failure, tokens_in, tokens_out, latency_ms, signal_begin,"
      + " signal_end, signal_text, polarity, run_id, edge_id"
      + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::text[],"
      + " ?::text[], ?::int[], ?::int[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[],"
      + " ?::text[], ?::text[], ?::int[], ?::int[], ?::bigint[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[],"
      + " ?::bigint[])"
      + " AS t(id, document_id, unit_id, pair_id, sentences,"
      + " label, probability, judge_id, judge_version, cause_begin, cause_end, cause_text, effect_begin, effect_end,"
      + " effect_text, cause_variable, effect_variable, explanation, qualifiers, failure, tokens_in, tokens_out,"
      + " latency_ms, signal_begin, signal_end, signal_text, polarity, run_id, edge_id)"
      + " ORDER BY id ON CONFLICT (id) DO NOTHING RETURNING id";

  /**
   * Inserts the evidence rows, each pointing at its edge (causal ones), the whole batch in one
   * statement (arrays, one per column); returns the verdicts that were new, in id order.
   */
  private List<Verdict> insertEvidence(Connection c, List<Verdict> sorted, Map<String, Long> edgeOf)
      throws SQLException {
    int n = sorted.size();
    Object[][] columns = new Object[EVIDENCE_TYPES.length][n];
    for (int r = 0; r < n; r++) {
      Verdict v = sorted.get(r);
      Object[] row = {v.evidenceId(), v.documentId(), v.unitId(), v.pairId(), arrayLiteral(v.sentences()),
          v.label().wire(), v.probability(), v.judgeId(), v.judgeVersion(), v.cause().begin(), v.cause().end(),
          v.cause().text(), v.effect().begin(), v.effect().end(), v.effect().text(), v.causeVariable(),
          v.effectVariable(), v.explanation(),
          arrayLiteral(v.qualifiers().stream().map(Qualifier::wire).sorted().toList()), v.failure(),
          v.usage().tokensIn(), v.usage().tokensOut(), v.usage().latencyMillis(),
          v.signal() == null ? null : v.signal().begin(), v.signal() == null ? null : v.signal().end(),
          v.signal() == null ? null : v.signal().text(), v.polarity().wire(), v.runId(), edgeOf.get(v.evidenceId())};
      for (int col = 0; col < row.length; col++) {
        columns[col][r] = row[col];
      }
    }
    Set<String> inserted = new java.util.HashSet<>();
    try (PreparedStatement insert = c.prepareStatement(INSERT_EVIDENCE)) {
      for (int col = 0; col < EVIDENCE_TYPES.length; col++) {
        insert.setArray(col + 1, c.createArrayOf(EVIDENCE_TYPES[col], columns[col]));
      }
      try (ResultSet rs = insert.executeQuery()) {
        while (rs.next()) {
          inserted.add(rs.getString(1));
        }
      }
    }
    return sorted.stream().filter(v -> inserted.contains(v.evidenceId())).toList();
  }

  /** A PostgreSQL array literal of the values, each quoted ({"a","b"}), cast per row in SQL. */
  private static String arrayLiteral(List<?> values) {
    StringBuilder b = new StringBuilder("{");
    for (Object value : values) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append('"').append(value.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return b.append('}').toString();
  }

  /** Creates the edges the batch needs (in one global order, so writers cannot deadlock) and returns all their ids. */
  private Map<String, Long> upsertEdges(Connection c, List<Verdict> causal, Map<String, Long> variables)
      throws SQLException {
    Set<String> keys = new TreeSet<>();
    for (Verdict v : causal) {
      keys.add(edgeKey(variables.get(v.causeVariable()), variables.get(v.effectVariable())));
    }
    Map<String, Long> ids = new HashMap<>();
    if (keys.isEmpty()) {
      return ids;
    }
    Long[] causes = new Long[keys.size()];
    Long[] effects = new Long[keys.size()];
    int i = 0;
    for (String key : keys) {
      String[] parts = key.split(":", 2);
      causes[i] = Long.parseLong(parts[0]);
      effects[i++] = Long.parseLong(parts[1]);
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO edges (cause_id, effect_id)"
            + " SELECT * FROM unnest(?::bigint[], ?::bigint[]) AS t(cause_id, effect_id) ORDER BY 1, 2"
            + " ON CONFLICT (cause_id, effect_id) DO NOTHING");
        PreparedStatement select = c.prepareStatement("SELECT e.id, e.cause_id, e.effect_id FROM edges e"
            + " JOIN unnest(?::bigint[], ?::bigint[]) AS t(cause_id, effect_id)"
            + " ON e.cause_id = t.cause_id AND e.effect_id = t.effect_id")) {
      insert.setArray(1, c.createArrayOf("int8", causes));
      insert.setArray(2, c.createArrayOf("int8", effects));
      insert.executeUpdate();
      select.setArray(1, c.createArrayOf("int8", causes));
      select.setArray(2, c.createArrayOf("int8", effects));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          ids.put(edgeKey(rs.getLong(2), rs.getLong(3)), rs.getLong(1));
        }
      }
    }
    return ids;
  }

  /**
   * Edges (either direction) between the variables of verdicts that make no edge: a failed answer
   * flags them, a negation counts against them, another judge's "none" on their pair is a
   * disagreement.
   */
  private static Set<Long> edgesBetween(Connection c, List<Verdict> verdicts) throws SQLException {
    Set<Long> edges = new TreeSet<>();
    if (verdicts.isEmpty()) {
      return edges;
    }
    // Both orders of each pair, so the edge lookup is one indexed equality join.
    List<String> causes = new ArrayList<>();
    List<String> effects = new ArrayList<>();
    for (Verdict v : verdicts) {
      causes.add(v.causeVariable());
      effects.add(v.effectVariable());
      causes.add(v.effectVariable());
      effects.add(v.causeVariable());
    }
    try (PreparedStatement select = c.prepareStatement(
        "SELECT DISTINCT e.id FROM unnest(?::text[], ?::text[]) AS t(x, y)"
            + " JOIN surface_forms a ON a.name = t.x JOIN surface_forms b ON b.name = t.y"
            + " JOIN edges e ON e.cause_id = a.variable_id AND e.effect_id = b.variable_id")) {
      select.setArray(1, c.createArrayOf("text", causes.toArray()));
      select.setArray(2, c.createArrayOf("text", effects.toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          edges.add(rs.getLong(1));
        }
      }
    }
    return edges;
  }

  /** An analyst's spans and variable names for a piece of evidence. */
  private record Correction(Span cause, Span effect, String causeVariable, String effectVariable) {}

  /**
   * Analysts' span corrections applied to new rows for the sentences and original spans they
   * corrected (a reprocessed corpus, a replay after a forget): the corrected spans and variables
   * replace the extractor's before any variable is named, so the uncorrected evidence never returns.
   */
  private static List<Verdict> withCorrections(Connection c, List<Verdict> verdicts) throws SQLException {
    Set<String> documents = new TreeSet<>();
    for (Verdict v : verdicts) {
      if (makesEdge(v)) {
        documents.add(v.documentId());
      }
    }
    if (documents.isEmpty()) {
      return verdicts;
    }
    Map<String, Correction> corrections = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT document_id, sentence_indexes, cause_begin, cause_end,"
        + " effect_begin, effect_end, new_cause_begin, new_cause_end, new_cause_text, new_cause_variable,"
        + " new_effect_begin, new_effect_end, new_effect_text, new_effect_variable FROM span_corrections"
        + " WHERE document_id = ANY (?)")) {
      s.setArray(1, c.createArrayOf("text", documents.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String key = rs.getString(1) + "|" + java.util.Arrays.toString((Object[]) rs.getArray(2).getArray()) + "|"
              + rs.getInt(3) + ":" + rs.getInt(4) + "|" + rs.getInt(5) + ":" + rs.getInt(6);
          corrections.put(key, new Correction(new Span(rs.getInt(7), rs.getInt(8), rs.getString(9)),
              new Span(rs.getInt(11), rs.getInt(12), rs.getString(13)), rs.getString(10), rs.getString(14)));
        }
      }
    }
    if (corrections.isEmpty()) {
      return verdicts;
    }
    List<Verdict> out = new ArrayList<>(verdicts.size());
    for (Verdict v : verdicts) {
      Correction fix = !makesEdge(v) ? null : corrections.get(v.documentId() + "|" + v.sentences() + "|"
          + v.cause().begin() + ":" + v.cause().end() + "|" + v.effect().begin() + ":" + v.effect().end());
      out.add(fix == null ? v : new Verdict(v.evidenceId(), v.pairId(), v.documentId(), v.unitId(), v.sentences(),
          v.label(), v.probability(), v.judgeId(), v.judgeVersion(), fix.cause(), fix.effect(), fix.causeVariable(),
          fix.effectVariable(), v.explanation(), v.qualifiers(), v.failure(), v.usage(), v.signal(), v.polarity(),
          v.runId()));
    }
    return out;
  }

  /**
   * Reviews that last: a new row for a sentence an analyst already reviewed (same document,
   * sentences and cause and effect spans, from a new model version or prompt) takes that review
   * before it is folded into its edge, so a reprocessed corpus keeps its decisions. The row names
   * the one it carries from; the judges' error rates count the original only.
   */
  private static void carryReviews(Connection c, List<String> evidenceIds) throws SQLException {
    if (evidenceIds.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE evidence n SET review = o.review,"
        + " reject_reason = o.reject_reason, review_carried_from = coalesce(o.review_carried_from, o.id)"
        + " FROM evidence o WHERE n.id = ANY (?) AND n.review IS NULL AND o.review IN ('accepted', 'rejected')"
        + " AND o.document_id = n.document_id AND o.id <> n.id AND o.sentence_indexes = n.sentence_indexes"
        + " AND o.cause_begin = n.cause_begin AND o.cause_end = n.cause_end"
        + " AND o.effect_begin = n.effect_begin AND o.effect_end = n.effect_end")) {
      s.setArray(1, c.createArrayOf("text", evidenceIds.toArray()));
      int carried = s.executeUpdate();
      if (carried > 0) {
        LOG.info("{} new evidence rows took the reviews of the same sentences and spans", carried);
      }
    }
  }

  /** Analysts' correct/incorrect counts per judge so far. */
  public static Map<String, ReviewCounts> reviewCounts(Connection c) throws SQLException {
    Map<String, ReviewCounts> counts = new java.util.HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT judge_id, correct, incorrect FROM judge_reviews");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        counts.put(rs.getString(1), new ReviewCounts(rs.getInt(2), rs.getInt(3)));
      }
    }
    return counts;
  }
}
