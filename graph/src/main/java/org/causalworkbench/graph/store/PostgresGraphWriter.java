package org.causalworkbench.graph.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.model.ProcessedDocument;
import org.causalworkbench.core.model.Qualifier;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.graph.score.EdgeFlag;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.score.EvidencePoint;
import org.causalworkbench.graph.score.ReviewState;

/**
 * Writes documents and evidence to PostgreSQL and keeps edge scores current. Callers that write
 * concurrently should route the verdicts of one variable pair to one writer (the job keys by the
 * unordered pair); rows are also touched in sorted order so concurrent writers cannot deadlock.
 */
public final class PostgresGraphWriter implements GraphWriter {

  private final DataSource dataSource;
  private final EdgeScorer scorer;
  private final Json json = new Json();

  public PostgresGraphWriter(DataSource dataSource, EdgeScorer scorer) {
    this.dataSource = dataSource;
    this.scorer = scorer;
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
        List<Verdict> inserted = insertEvidence(c, verdicts);
        List<Verdict> causal = inserted.stream().filter(PostgresGraphWriter::makesEdge).toList();
        Map<String, Long> variables = upsertVariables(c, causal);
        Map<String, Long> edges = upsertEdges(c, causal, variables);
        Set<Long> touched = attachToEdges(c, causal, edges);
        touched.addAll(edgesBetween(c, inserted.stream().filter(v -> v.failure() != null).toList()));
        rescore(c, touched);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot write " + verdicts.size() + " verdicts", e);
    }
  }

  private static boolean makesEdge(Verdict v) {
    return v.label().causal() && !v.causeVariable().equals(v.effectVariable());
  }

  private static String edgeKey(String cause, String effect) {
    return cause + "\u0000" + effect;
  }

  /** Inserts evidence rows not yet stored; returns the verdicts that were new. */
  private List<Verdict> insertEvidence(Connection c, List<Verdict> verdicts) throws SQLException {
    List<Verdict> sorted = verdicts.stream().sorted(java.util.Comparator.comparing(Verdict::evidenceId)).toList();
    List<Verdict> inserted = new ArrayList<>();
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO evidence (id, document_id, unit_id, pair_id, sentence_indexes, label, probability, judge_id,"
            + " judge_version, cause_begin, cause_end, cause_text, effect_begin, effect_end, effect_text,"
            + " cause_variable, effect_variable, explanation, qualifiers, failure, tokens_in, tokens_out, latency_ms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING")) {
      for (Verdict v : sorted) {
        int i = 1;
        insert.setString(i++, v.evidenceId());
        insert.setString(i++, v.documentId());
        insert.setString(i++, v.unitId());
        insert.setString(i++, v.pairId());
        insert.setArray(i++, c.createArrayOf("integer", v.sentences().toArray()));
        insert.setString(i++, v.label().wire());
        insert.setDouble(i++, v.probability());
        insert.setString(i++, v.judgeId());
        insert.setString(i++, v.judgeVersion());
        insert.setInt(i++, v.cause().begin());
        insert.setInt(i++, v.cause().end());
        insert.setString(i++, v.cause().text());
        insert.setInt(i++, v.effect().begin());
        insert.setInt(i++, v.effect().end());
        insert.setString(i++, v.effect().text());
        insert.setString(i++, v.causeVariable());
        insert.setString(i++, v.effectVariable());
        insert.setString(i++, v.explanation());
        insert.setArray(i++, c.createArrayOf("text", v.qualifiers().stream().map(Qualifier::wire).sorted().toArray()));
        insert.setString(i++, v.failure());
        insert.setInt(i++, v.usage().tokensIn());
        insert.setInt(i++, v.usage().tokensOut());
        insert.setLong(i, v.usage().latencyMillis());
        if (insert.executeUpdate() > 0) {
          inserted.add(v);
        }
      }
    }
    return inserted;
  }

  private Map<String, Long> upsertVariables(Connection c, List<Verdict> causal) throws SQLException {
    Set<String> names = new TreeSet<>();
    for (Verdict v : causal) {
      names.add(v.causeVariable());
      names.add(v.effectVariable());
    }
    Map<String, Long> ids = new HashMap<>();
    if (names.isEmpty()) {
      return ids;
    }
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO variables (name) VALUES (?) ON CONFLICT (name) DO NOTHING")) {
      for (String name : names) {
        insert.setString(1, name);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (PreparedStatement select = c.prepareStatement("SELECT id, name FROM variables WHERE name = ANY (?)")) {
      select.setArray(1, c.createArrayOf("text", names.toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          ids.put(rs.getString(2), rs.getLong(1));
        }
      }
    }
    return ids;
  }

  private Map<String, Long> upsertEdges(Connection c, List<Verdict> causal, Map<String, Long> variables)
      throws SQLException {
    Set<String> keys = new TreeSet<>();
    for (Verdict v : causal) {
      keys.add(edgeKey(v.causeVariable(), v.effectVariable()));
    }
    Map<String, Long> ids = new HashMap<>();
    try (PreparedStatement insert = c.prepareStatement(
            "INSERT INTO edges (cause_id, effect_id) VALUES (?, ?) ON CONFLICT (cause_id, effect_id) DO NOTHING");
        PreparedStatement select = c.prepareStatement("SELECT id FROM edges WHERE cause_id = ? AND effect_id = ?")) {
      for (String key : keys) {
        String[] parts = key.split("\u0000", 2);
        long cause = variables.get(parts[0]);
        long effect = variables.get(parts[1]);
        insert.setLong(1, cause);
        insert.setLong(2, effect);
        insert.executeUpdate();
        select.setLong(1, cause);
        select.setLong(2, effect);
        try (ResultSet rs = select.executeQuery()) {
          rs.next();
          ids.put(key, rs.getLong(1));
        }
      }
    }
    return ids;
  }

  /** Edges (either direction) between the variables of unanswered verdicts: their flags change. */
  private static Set<Long> edgesBetween(Connection c, List<Verdict> unanswered) throws SQLException {
    Set<Long> edges = new TreeSet<>();
    if (unanswered.isEmpty()) {
      return edges;
    }
    try (PreparedStatement select = c.prepareStatement(
        "SELECT e.id FROM edges e JOIN variables a ON a.id = e.cause_id JOIN variables b ON b.id = e.effect_id"
            + " WHERE (a.name = ? AND b.name = ?) OR (a.name = ? AND b.name = ?)")) {
      for (Verdict v : unanswered) {
        select.setString(1, v.causeVariable());
        select.setString(2, v.effectVariable());
        select.setString(3, v.effectVariable());
        select.setString(4, v.causeVariable());
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            edges.add(rs.getLong(1));
          }
        }
      }
    }
    return edges;
  }

  /** Points the new causal evidence at its edges; returns the edges that gained evidence. */
  private static Set<Long> attachToEdges(Connection c, List<Verdict> causal, Map<String, Long> edges)
      throws SQLException {
    Set<Long> touched = new LinkedHashSet<>();
    try (PreparedStatement update = c.prepareStatement("UPDATE evidence SET edge_id = ? WHERE id = ?")) {
      for (Verdict v : causal) {
        long edge = edges.get(edgeKey(v.causeVariable(), v.effectVariable()));
        update.setLong(1, edge);
        update.setString(2, v.evidenceId());
        update.addBatch();
        touched.add(edge);
      }
      update.executeBatch();
    }
    return touched;
  }

  /** Re-scores the touched edges and their reverses (whose both-directions flag may change). */
  private void rescore(Connection c, Set<Long> touched) throws SQLException {
    if (touched.isEmpty()) {
      return;
    }
    Set<Long> all = new TreeSet<>(touched);
    try (PreparedStatement reverse = c.prepareStatement(
        "SELECT r.id FROM edges e JOIN edges r ON r.cause_id = e.effect_id AND r.effect_id = e.cause_id"
            + " WHERE e.id = ANY (?)")) {
      reverse.setArray(1, c.createArrayOf("bigint", touched.toArray()));
      try (ResultSet rs = reverse.executeQuery()) {
        while (rs.next()) {
          all.add(rs.getLong(1));
        }
      }
    }
    for (long edge : all) {
      rescoreOne(c, edge);
    }
  }

  /** Recomputes one edge from all its evidence, holding the edge's row lock while it reads. */
  void rescoreOne(Connection c, long edge) throws SQLException {
    boolean reverseHasEvidence;
    boolean unanswered;
    String state;
    try (PreparedStatement select = c.prepareStatement(
        "SELECT e.review_state, EXISTS (SELECT 1 FROM edges r JOIN evidence v ON v.edge_id = r.id"
            + " WHERE r.cause_id = e.effect_id AND r.effect_id = e.cause_id),"
            + " EXISTS (SELECT 1 FROM evidence u JOIN variables a ON a.id = e.cause_id JOIN variables b ON b.id = e.effect_id"
            + "   WHERE u.failure IS NOT NULL AND ((u.cause_variable = a.name AND u.effect_variable = b.name)"
            + "   OR (u.cause_variable = b.name AND u.effect_variable = a.name)))"
            + " FROM edges e WHERE e.id = ? FOR UPDATE OF e")) {
      select.setLong(1, edge);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        state = rs.getString(1);
        reverseHasEvidence = rs.getBoolean(2);
        unanswered = rs.getBoolean(3);
      }
    }
    List<EvidencePoint> evidence = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(
        "SELECT judge_id, document_id, probability, cardinality(sentence_indexes) > 1, cardinality(qualifiers) > 0"
            + " FROM evidence WHERE edge_id = ?")) {
      select.setLong(1, edge);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          evidence.add(new EvidencePoint(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getBoolean(4),
              rs.getBoolean(5)));
        }
      }
    }
    EdgeScorer.EdgeScore score = scorer.score(evidence, reverseHasEvidence, unanswered);
    ReviewState current = ReviewState.fromWire(state);
    ReviewState next = current.decided() ? current
        : score.flags().isEmpty() ? ReviewState.UNREVIEWED : ReviewState.NEEDS_REVIEW;
    Array flags = c.createArrayOf("text", score.flags().stream().map(EdgeFlag::wire).toArray());
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE edges SET belief = ?, evidence_count = ?, document_count = ?, flags = ?, review_state = ?,"
            + " updated_at = now() WHERE id = ?")) {
      update.setDouble(1, score.belief());
      update.setInt(2, score.evidenceCount());
      update.setInt(3, score.documentCount());
      update.setArray(4, flags);
      update.setString(5, next.wire());
      update.setLong(6, edge);
      update.executeUpdate();
    }
  }
}
