package org.causalworkbench.graph.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.causalworkbench.graph.query.Page;
import org.causalworkbench.graph.query.PageCursor;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.score.ReviewState;
import org.causalworkbench.graph.store.NotFoundException;
import org.causalworkbench.graph.store.PostgresGraphWriter;
import org.causalworkbench.graph.store.StoreException;
import org.causalworkbench.graph.store.Transactions;

/**
 * Analysts' decisions on edges and on single evidence sentences. Each decision changes the target,
 * re-counts the reviews of the judges whose evidence it touched, re-scores the target and writes a
 * review-log entry with the state before and after, in one short transaction. The other undecided
 * edges with evidence from those judges (their error rates just changed: see {@code JudgeRates})
 * are re-scored after the decision commits, by {@link Recalibration}; the request is recorded with
 * the decision, and a service opened on the store finishes any pass a stopped process left. Nothing
 * is deleted: a rejected edge or sentence stays, marked.
 */
public final class ReviewService implements AutoCloseable {

  /** What an analyst can decide about an edge. */
  public enum EdgeDecision {
    /** The text does state this cause and effect: belief 1. */
    ACCEPT,
    /** It does not: belief 0. */
    REJECT,
    /** It states the opposite direction: the opposite edge is accepted and takes the evidence. */
    REVERSE
  }

  /** What an analyst can decide about one evidence sentence. */
  public enum EvidenceDecision {
    ACCEPT,
    REJECT
  }

  /**
   * @param edgeId the edge the decision left in force (for a reversal, the opposite edge)
   * @param recalibrating whether the other edges of the judges it reviewed are being re-scored
   *     (their judges' error rates changed); {@link Recalibration#status()} says when that ends
   */
  public record Outcome(long edgeId, String state, double belief, boolean recalibrating) {}

  private final DataSource dataSource;
  private final EdgeScorer scorer;
  private final ReviewLog reviewLog = new ReviewLog();
  private final Recalibration recalibration;

  public ReviewService(DataSource dataSource, EdgeScorer scorer) {
    this(dataSource, scorer, RecalibrationSettings.defaults());
  }

  public ReviewService(DataSource dataSource, EdgeScorer scorer, RecalibrationSettings recalibrationSettings) {
    this.dataSource = dataSource;
    this.scorer = scorer;
    this.recalibration = new Recalibration(dataSource, scorer, recalibrationSettings);
    recalibration.resume();
  }

  /**
   * What analysts' decisions say of one judge: sentences found right, wrong in their claim, and
   * wrong in their span ({@link RejectReason#WRONG_VARIABLE}), and the error rates the belief now
   * uses for it.
   */
  public record JudgeReview(String judge, int correct, int incorrect, int spanErrors, double systematicError,
      double randomError) {}

  /** Every reviewed judge's counts and current rates. */
  public List<JudgeReview> judgeReviews() {
    return Transactions.run(dataSource, "read the judges' reviews", c -> {
      EdgeScorer current = scorer.withReviews(PostgresGraphWriter.reviewCounts(c));
      List<JudgeReview> out = new java.util.ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT judge_id, correct, incorrect, span_incorrect FROM judge_reviews ORDER BY judge_id");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          var prior = current.rates().prior(rs.getString(1));
          out.add(new JudgeReview(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), prior.systematicError(),
              prior.randomError()));
        }
      }
      return out;
    });
  }

  /** The re-scoring of other edges that decisions set off. */
  public Recalibration recalibration() {
    return recalibration;
  }

  @Override
  public void close() {
    recalibration.close();
  }

  public Outcome reviewEdge(long edgeId, EdgeDecision decision, String reviewer, String note) {
    return reviewEdge(edgeId, decision, null, reviewer, note);
  }

  /**
   * One decision on several edges, each in its own transaction and log entry (as if made one by
   * one), and one recalibration for them all. Edges decided meanwhile by someone else are decided
   * again: the log keeps both.
   */
  public List<Outcome> reviewEdges(List<Long> edgeIds, EdgeDecision decision, RejectReason reason, String reviewer,
      String note) {
    List<Outcome> out = new java.util.ArrayList<>();
    for (long id : new java.util.LinkedHashSet<>(edgeIds)) {
      out.add(reviewEdge(id, decision, reason, reviewer, note));
    }
    return out;
  }

  /**
   * Decides an edge; a rejection carries its reason ({@code null}: {@link RejectReason#NOT_CAUSAL}),
   * which decides whose error it counts as (see {@link RejectReason#againstClaim()}).
   */
  public Outcome reviewEdge(long edgeId, EdgeDecision decision, RejectReason reason, String reviewer, String note) {
    if (reason != null && decision != EdgeDecision.REJECT) {
      throw new IllegalArgumentException("a reason goes with a rejection, not with " + decision.name().toLowerCase(Locale.ROOT));
    }
    RejectReason why = decision == EdgeDecision.REJECT && reason == null ? RejectReason.NOT_CAUSAL : reason;
    Set<String> judges = new TreeSet<>();
    Outcome outcome = Transactions.run(dataSource, "record the review", c -> {
      Map<String, Object> before = edgeState(c, edgeId);
      judges.addAll(judgesOfEdge(c, edgeId));
      long kept = edgeId;
      setRejectReason(c, edgeId, why);
      switch (decision) {
        case ACCEPT -> setState(c, edgeId, ReviewState.ACCEPTED);
        case REJECT -> setState(c, edgeId, ReviewState.REJECTED);
        case REVERSE -> {
          kept = opposite(c, edgeId);
          try (PreparedStatement move = c.prepareStatement(
              "UPDATE evidence SET edge_id = ?, review = 'reversed' WHERE edge_id = ?")) {
            move.setLong(1, kept);
            move.setLong(2, edgeId);
            move.executeUpdate();
          }
          setState(c, edgeId, ReviewState.REVERSED);
          try (PreparedStatement link = c.prepareStatement("UPDATE edges SET reversed_to = ? WHERE id = ?")) {
            link.setLong(1, kept);
            link.setLong(2, edgeId);
            link.executeUpdate();
          }
          setState(c, kept, ReviewState.ACCEPTED);
        }
      }
      EdgeScorer rescorer = scorer.withReviews(recount(c, judges));
      if (decision == EdgeDecision.REVERSE) {
        // The evidence moved to the opposite edge: both are rebuilt from their evidence.
        rescorer.rescore(c, new TreeSet<>(List.of(edgeId, kept)), false);
      } else {
        rescorer.rescoreStored(c, List.of(edgeId));
      }
      Map<String, Object> after = edgeState(c, kept);
      if (why != null) {
        after.put("reason", why.wire());
      }
      reviewLog.append(c, reviewer, "edge", Long.toString(edgeId), decision.name().toLowerCase(Locale.ROOT), before, after, note);
      return new Outcome(kept, (String) after.get("state"), (Double) after.get("belief"), !judges.isEmpty());
    });
    recalibration.request(judges);
    return outcome;
  }

  public Outcome reviewEvidence(String evidenceId, EvidenceDecision decision, String reviewer, String note) {
    return reviewEvidence(evidenceId, decision, null, reviewer, note);
  }

  /** Decides one sentence; a rejection carries its reason as {@link #reviewEdge} does. */
  public Outcome reviewEvidence(String evidenceId, EvidenceDecision decision, RejectReason reason, String reviewer,
      String note) {
    if (reason != null && decision != EvidenceDecision.REJECT) {
      throw new IllegalArgumentException("a reason goes with a rejection, not with " + decision.name().toLowerCase(Locale.ROOT));
    }
    RejectReason why = decision == EvidenceDecision.REJECT && reason == null ? RejectReason.NOT_CAUSAL : reason;
    Set<String> judges = new TreeSet<>();
    Outcome outcome = Transactions.run(dataSource, "record the review", c -> {
      long edgeId;
      String judge;
      String review;
      try (PreparedStatement s = c.prepareStatement(
          "SELECT edge_id, judge_id, review FROM evidence WHERE id = ? FOR UPDATE")) {
        s.setString(1, evidenceId);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            throw new NotFoundException("no evidence " + evidenceId);
          }
          edgeId = rs.getLong(1);
          if (rs.wasNull()) {
            throw new IllegalArgumentException("evidence " + evidenceId + " supports no edge; only causal evidence"
                + " is reviewed");
          }
          judge = rs.getString(2);
          review = rs.getString(3);
        }
      }
      Map<String, Object> before = edgeState(c, edgeId);
      before.put("evidence_review", review);
      String next = decision == EvidenceDecision.ACCEPT ? "accepted" : "rejected";
      try (PreparedStatement u = c.prepareStatement("UPDATE evidence SET review = ?, reject_reason = ? WHERE id = ?")) {
        u.setString(1, next);
        u.setString(2, why == null ? null : why.wire());
        u.setString(3, evidenceId);
        u.executeUpdate();
      }
      judges.add(judge);
      scorer.withReviews(recount(c, judges)).rescore(c, Set.of(edgeId), false);
      Map<String, Object> after = edgeState(c, edgeId);
      after.put("evidence_review", next);
      if (why != null) {
        after.put("reason", why.wire());
      }
      reviewLog.append(c, reviewer, "evidence", evidenceId, decision.name().toLowerCase(Locale.ROOT), before, after,
          note);
      return new Outcome(edgeId, (String) after.get("state"), (Double) after.get("belief"), true);
    });
    recalibration.request(judges);
    return outcome;
  }

  /** Where a corrected span puts the evidence: its edge, and the variables now at its ends. */
  public record Corrected(String evidenceId, long edgeId, String cause, String effect, boolean oldEdgeRemoved) {}

  /**
   * Corrects the cause and effect spans of one piece of evidence: {@code causeWords} and {@code
   * effectWords} are found in the evidence's own text, the variables are named {@code causeName} and
   * {@code effectName} (or, when blank, the words without a leading article, in lower case), and the
   * evidence moves to the edge between them, both edges re-scored (the old one removed if nothing
   * else supports it and nobody decided it). The correction is kept in its own layer and applied to
   * every later row for the same sentence and original spans (see {@code PostgresGraphWriter}).
   */
  public Corrected correctSpans(String evidenceId, String causeWords, String causeName, String effectWords,
      String effectName, String reviewer, String note) {
    return Transactions.run(dataSource, "correct the spans", c -> {
      String documentId;
      Object[] sentences;
      int base;
      String text;
      long oldEdge;
      int[] original = new int[4];
      try (PreparedStatement s = c.prepareStatement("SELECT v.document_id, v.sentence_indexes, v.edge_id,"
          + " v.cause_begin, v.cause_end, v.effect_begin, v.effect_end, u.b, substr(d.text, u.b + 1, u.e - u.b)"
          + " FROM evidence v JOIN documents d ON d.id = v.document_id, LATERAL (SELECT min(begin_offset) AS b,"
          + " max(end_offset) AS e FROM sentences s WHERE s.document_id = v.document_id"
          + " AND s.idx = ANY (v.sentence_indexes)) u WHERE v.id = ? FOR UPDATE OF v")) {
        s.setString(1, evidenceId);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            throw new NotFoundException("no evidence " + evidenceId);
          }
          documentId = rs.getString(1);
          sentences = (Object[]) rs.getArray(2).getArray();
          oldEdge = rs.getLong(3);
          if (rs.wasNull()) {
            throw new IllegalArgumentException("evidence " + evidenceId + " supports no edge; only causal evidence"
                + " has spans to correct");
          }
          for (int i = 0; i < 4; i++) {
            original[i] = rs.getInt(4 + i);
          }
          base = rs.getInt(8);
          text = rs.getString(9);
        }
      }
      int[] cause = locate(text, causeWords, "cause");
      int[] effect = locate(text, effectWords, "effect");
      if (cause[0] < effect[1] && effect[0] < cause[1]) {
        throw new IllegalArgumentException("the cause and the effect overlap; give two separate phrases");
      }
      String causeVariable = variableName(causeName, causeWords);
      String effectVariable = variableName(effectName, effectWords);
      Map<String, Long> ids = new org.causalworkbench.graph.variables.VariableResolver(null, 1, 1)
          .resolve(c, new java.util.TreeMap<>(Map.of(causeVariable, 1, effectVariable, 1)));
      if (ids.get(causeVariable).equals(ids.get(effectVariable))) {
        throw new IllegalArgumentException("'" + causeVariable + "' and '" + effectVariable + "' are one variable;"
            + " an edge needs two");
      }
      long newEdge;
      try (PreparedStatement s = c.prepareStatement("INSERT INTO edges (cause_id, effect_id) VALUES (?, ?)"
          + " ON CONFLICT (cause_id, effect_id) DO UPDATE SET updated_at = now() RETURNING id")) {
        s.setLong(1, ids.get(causeVariable));
        s.setLong(2, ids.get(effectVariable));
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          newEdge = rs.getLong(1);
        }
      }
      int[] now = {base + cause[0], base + cause[1], base + effect[0], base + effect[1]};
      try (PreparedStatement s = c.prepareStatement("UPDATE evidence SET cause_begin = ?, cause_end = ?,"
          + " cause_text = ?, cause_variable = ?, effect_begin = ?, effect_end = ?, effect_text = ?, effect_variable = ?,"
          + " edge_id = ? WHERE id = ?")) {
        s.setInt(1, now[0]);
        s.setInt(2, now[1]);
        s.setString(3, causeWords.strip());
        s.setString(4, causeVariable);
        s.setInt(5, now[2]);
        s.setInt(6, now[3]);
        s.setString(7, effectWords.strip());
        s.setString(8, effectVariable);
        s.setLong(9, newEdge);
        s.setString(10, evidenceId);
        s.executeUpdate();
      }
      // The layer keeps the spans the extractor first gave: a second correction of the same evidence replaces the first.
      try (PreparedStatement s = c.prepareStatement("INSERT INTO span_corrections (evidence_id, document_id,"
          + " sentence_indexes, cause_begin, cause_end, effect_begin, effect_end, new_cause_begin, new_cause_end,"
          + " new_cause_text, new_cause_variable, new_effect_begin, new_effect_end, new_effect_text, new_effect_variable,"
          + " reviewer) VALUES (?, ?, ?::int[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (evidence_id) DO UPDATE"
          + " SET new_cause_begin = excluded.new_cause_begin, new_cause_end = excluded.new_cause_end,"
          + " new_cause_text = excluded.new_cause_text, new_cause_variable = excluded.new_cause_variable,"
          + " new_effect_begin = excluded.new_effect_begin, new_effect_end = excluded.new_effect_end,"
          + " new_effect_text = excluded.new_effect_text, new_effect_variable = excluded.new_effect_variable,"
          + " reviewer = excluded.reviewer, at = now()")) {
        int i = 1;
        s.setString(i++, evidenceId);
        s.setString(i++, documentId);
        s.setArray(i++, c.createArrayOf("int4", sentences));
        for (int v : original) {
          s.setInt(i++, v);
        }
        s.setInt(i++, now[0]);
        s.setInt(i++, now[1]);
        s.setString(i++, causeWords.strip());
        s.setString(i++, causeVariable);
        s.setInt(i++, now[2]);
        s.setInt(i++, now[3]);
        s.setString(i++, effectWords.strip());
        s.setString(i++, effectVariable);
        s.setString(i, reviewer);
        s.executeUpdate();
      }
      boolean removed = false;
      Set<Long> rescore = new TreeSet<>(List.of(newEdge));
      if (oldEdge != newEdge) {
        try (PreparedStatement s = c.prepareStatement("SELECT review_state, EXISTS (SELECT 1 FROM evidence"
            + " WHERE edge_id = ?) FROM edges WHERE id = ?")) {
          s.setLong(1, oldEdge);
          s.setLong(2, oldEdge);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            removed = !rs.getBoolean(2) && List.of("unreviewed", "needs_review").contains(rs.getString(1));
          }
        }
        if (removed) {
          for (String sql : List.of("UPDATE edges SET reversed_to = NULL WHERE reversed_to = ?",
              "DELETE FROM edges WHERE id = ?")) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
              s.setLong(1, oldEdge);
              s.executeUpdate();
            }
          }
        } else {
          rescore.add(oldEdge);
        }
      }
      scorer.withReviews(PostgresGraphWriter.reviewCounts(c)).rescore(c, rescore, false);
      Map<String, Object> before = new java.util.LinkedHashMap<>();
      before.put("edge_id", oldEdge);
      before.put("cause_span", text.substring(original[0] - base, original[1] - base));
      before.put("effect_span", text.substring(original[2] - base, original[3] - base));
      Map<String, Object> after = new java.util.LinkedHashMap<>();
      after.put("edge_id", newEdge);
      after.put("cause_span", causeWords.strip());
      after.put("effect_span", effectWords.strip());
      after.put("cause", causeVariable);
      after.put("effect", effectVariable);
      reviewLog.append(c, reviewer, "evidence", evidenceId, "correct_spans", before, after, note);
      return new Corrected(evidenceId, newEdge, causeVariable, effectVariable, removed);
    });
  }

  /** Where {@code words} stand in the evidence's text (the first time), or an error that says they do not. */
  private static int[] locate(String text, String words, String role) {
    String w = words == null ? "" : words.strip();
    int at = w.isEmpty() ? -1 : text.indexOf(w);
    if (at < 0) {
      throw new IllegalArgumentException("the " + role + " '" + w + "' is not in this evidence's text; copy the"
          + " words from it");
    }
    return new int[] {at, at + w.length()};
  }

  /** An analyst's name for a variable, or the words without a leading article, in lower case. */
  static String variableName(String name, String words) {
    String chosen = name == null || name.isBlank() ? words : name;
    String n = chosen.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return n.replaceFirst("^(the|a|an|this|these|those|its|their) ", "");
  }

  /**
   * Sets which way an edge's cause moves its effect, overriding what its sentences propose; {@code
   * null} gives the edge back to its evidence. Belief and state stay; the review log keeps both
   * polarities.
   */
  public String setPolarity(long edgeId, org.causalworkbench.core.model.Polarity polarity, String reviewer, String note) {
    return Transactions.run(dataSource, "set the polarity", c -> {
      String read = "SELECT " + org.causalworkbench.graph.score.EdgePolarity.sql("e") + " FROM edges e WHERE e.id = ?";
      String before = single(c, read, edgeId);
      if (before == null) {
        throw new NotFoundException("no edge " + edgeId);
      }
      try (PreparedStatement s = c.prepareStatement("UPDATE edges SET polarity_set = ?, updated_at = now() WHERE id = ?")) {
        s.setString(1, polarity == null ? null : polarity.wire());
        s.setLong(2, edgeId);
        s.executeUpdate();
      }
      String after = single(c, read, edgeId);
      reviewLog.append(c, reviewer, "edge", Long.toString(edgeId), "polarity", Map.of("polarity", before),
          Map.of("polarity", after, "set_by", polarity == null ? "evidence" : "analyst"), note);
      return after;
    });
  }

  private static String single(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * What forgetting removed: the documents found, the evidence ids their verdicts carried (for the
   * tombstones on the verdicts topic), the edges left without evidence and removed, and the edges
   * that lost evidence and were re-scored (the other edges of judges whose reviewed evidence went
   * are recalibrated afterwards).
   */
  public record Forgotten(List<String> documents, List<String> evidenceIds, int edgesRemoved, int edgesRescored) {}

  /**
   * Removes documents and everything derived from them: their sentences and evidence, the edges
   * left without evidence, and the variable names no other evidence carries; re-scores the edges
   * they touched (and then recalibrates the edges of judges whose evidence went) and logs who asked, without
   * the text. A deletion request is honoured here; the topics are the caller's.
   */
  public Forgotten forgetDocuments(List<String> documentIds, String who, String note) {
    if (who == null || who.isBlank()) {
      throw new IllegalArgumentException("forgetting a document needs the name of who asked");
    }
    Set<String> judges = new TreeSet<>();
    Forgotten forgotten = Transactions.run(dataSource, "forget documents", c -> {
      Object[] ids = documentIds.toArray();
      Map<String, String> sources = new java.util.TreeMap<>();
      try (PreparedStatement s = c.prepareStatement("SELECT id, source FROM documents WHERE id = ANY (?)")) {
        s.setArray(1, c.createArrayOf("text", ids));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            sources.put(rs.getString(1), rs.getString(2));
          }
        }
      }
      List<String> evidence = new java.util.ArrayList<>();
      Set<Long> edges = new TreeSet<>();
      Set<String> names = new TreeSet<>();
      Map<String, Integer> perDocument = new java.util.HashMap<>();
      try (PreparedStatement s = c.prepareStatement("SELECT id, edge_id, judge_id, cause_variable, effect_variable,"
          + " document_id FROM evidence WHERE document_id = ANY (?)")) {
        s.setArray(1, c.createArrayOf("text", ids));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            evidence.add(rs.getString(1));
            long edge = rs.getLong(2);
            if (!rs.wasNull()) {
              edges.add(edge);
            }
            judges.add(rs.getString(3));
            names.add(rs.getString(4));
            names.add(rs.getString(5));
            perDocument.merge(rs.getString(6), 1, Integer::sum);
          }
        }
      }
      for (String table : List.of("evidence WHERE document_id", "span_corrections WHERE document_id",
          "sentences WHERE document_id", "documents WHERE id")) {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " = ANY (?)")) {
          s.setArray(1, c.createArrayOf("text", ids));
          s.executeUpdate();
        }
      }
      Set<Long> empty = new TreeSet<>();
      try (PreparedStatement s = c.prepareStatement("SELECT id FROM edges e WHERE id = ANY (?)"
          + " AND NOT EXISTS (SELECT 1 FROM evidence v WHERE v.edge_id = e.id)")) {
        s.setArray(1, c.createArrayOf("bigint", edges.toArray()));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            empty.add(rs.getLong(1));
          }
        }
      }
      for (String sql : List.of("UPDATE edges SET reversed_to = NULL WHERE reversed_to = ANY (?)",
          "DELETE FROM edges WHERE id = ANY (?)")) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
          s.setArray(1, c.createArrayOf("bigint", empty.toArray()));
          s.executeUpdate();
        }
      }
      // Names no evidence carries any more go, and the variables left with no name, edge or merge.
      Set<Long> variables = new TreeSet<>();
      try (PreparedStatement s = c.prepareStatement("DELETE FROM surface_forms f WHERE name = ANY (?) AND NOT EXISTS"
          + " (SELECT 1 FROM evidence v WHERE v.cause_variable = f.name)"
          + " AND NOT EXISTS (SELECT 1 FROM evidence v WHERE v.effect_variable = f.name)"
          + " RETURNING variable_id")) {
        s.setArray(1, c.createArrayOf("text", names.toArray()));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            variables.add(rs.getLong(1));
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement("DELETE FROM variables v WHERE id = ANY (?)"
          + " AND NOT EXISTS (SELECT 1 FROM surface_forms f WHERE f.variable_id = v.id)"
          + " AND NOT EXISTS (SELECT 1 FROM edges e WHERE e.cause_id = v.id OR e.effect_id = v.id)"
          + " AND NOT EXISTS (SELECT 1 FROM variables m WHERE m.merged_into = v.id)")) {
        s.setArray(1, c.createArrayOf("bigint", variables.toArray()));
        s.executeUpdate();
      }
      Set<Long> touched = new TreeSet<>(edges);
      touched.removeAll(empty);
      int rescored = scorer.withReviews(recount(c, judges)).rescore(c, touched, true);
      for (Map.Entry<String, String> d : sources.entrySet()) {
        reviewLog.append(c, who, "document", d.getKey(), "forget", Map.of("source", d.getValue(),
            "evidence", perDocument.getOrDefault(d.getKey(), 0)), Map.of(), note);
      }
      return new Forgotten(List.copyOf(sources.keySet()), List.copyOf(evidence), empty.size(), rescored);
    });
    recalibration.request(judges);
    return forgotten;
  }

  /**
   * Recounts the reviews of {@code judges} from the reviewed rows themselves (so a changed mind
   * never counts twice) and stores them, with the request to recalibrate their other edges;
   * returns every judge's counts.
   */
  private static Map<String, org.causalworkbench.graph.score.ReviewCounts> recount(Connection c, Set<String> judges)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO judge_reviews (judge_id, correct, incorrect, span_incorrect)"
            + " SELECT j, coalesce(sum(x.correct), 0), coalesce(sum(x.incorrect), 0), coalesce(sum(x.span), 0)"
            + " FROM unnest(?::text[]) j"
            // Read from the decisions (few), not from the judges' evidence (most of the store). A
            // wrong variable is the span's error, not the claim's (RejectReason).
            + " LEFT JOIN (SELECT v.judge_id, CASE WHEN e.review_state = 'accepted' THEN 1 ELSE 0 END AS correct,"
            + "     CASE WHEN e.review_state = 'rejected' AND " + AGAINST_CLAIM.formatted("e") + " THEN 1 ELSE 0 END"
            + "     AS incorrect,"
            + "     CASE WHEN e.review_state = 'rejected' AND NOT " + AGAINST_CLAIM.formatted("e") + " THEN 1 ELSE 0 END"
            + "     AS span"
            + "     FROM edges e JOIN evidence v ON v.edge_id = e.id"
            + "     WHERE e.review_state IN ('accepted', 'rejected') AND v.review IS NULL"
            + "   UNION ALL SELECT v.judge_id, CASE WHEN v.review = 'accepted' THEN 1 ELSE 0 END,"
            + "     CASE WHEN v.review = 'reversed' OR v.review = 'rejected' AND " + AGAINST_CLAIM.formatted("v")
            + "     THEN 1 ELSE 0 END,"
            + "     CASE WHEN v.review = 'rejected' AND NOT " + AGAINST_CLAIM.formatted("v") + " THEN 1 ELSE 0 END"
            + "     FROM evidence v WHERE v.review IS NOT NULL AND v.edge_id IS NOT NULL"
            + "     AND v.review_carried_from IS NULL) x ON x.judge_id = j"
            + " GROUP BY j"
            + " ON CONFLICT (judge_id) DO UPDATE SET correct = excluded.correct, incorrect = excluded.incorrect,"
            + " span_incorrect = excluded.span_incorrect")) {
      s.setArray(1, c.createArrayOf("text", judges.toArray()));
      s.executeUpdate();
    }
    Recalibration.record(c, judges);
    return PostgresGraphWriter.reviewCounts(c);
  }

  private static Set<String> judgesOfEdge(Connection c, long edgeId) throws SQLException {
    Set<String> judges = new TreeSet<>();
    try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT judge_id FROM evidence WHERE edge_id = ?")) {
      s.setLong(1, edgeId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          judges.add(rs.getString(1));
        }
      }
    }
    return judges;
  }

  /** The edge from this edge's effect to its cause, made if it does not exist yet. */
  private static long opposite(Connection c, long edgeId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO edges (cause_id, effect_id) SELECT effect_id, cause_id FROM edges WHERE id = ?"
            + " ON CONFLICT (cause_id, effect_id) DO UPDATE SET updated_at = now() RETURNING id")) {
      s.setLong(1, edgeId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** A row's rejection counts against the judge's claim unless its reason is a wrong variable. */
  private static final String AGAINST_CLAIM = "%1$s.reject_reason IS DISTINCT FROM '"
      + RejectReason.WRONG_VARIABLE.wire() + "'";

  private static void setRejectReason(Connection c, long id, RejectReason reason) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE edges SET reject_reason = ? WHERE id = ?")) {
      s.setString(1, reason == null ? null : reason.wire());
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  private static void setState(Connection c, long edgeId, ReviewState state) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE edges SET review_state = ?, updated_at = now() WHERE id = ?")) {
      s.setString(1, state.wire());
      s.setLong(2, edgeId);
      if (s.executeUpdate() == 0) {
        throw new NotFoundException("no edge " + edgeId);
      }
    }
  }

  private static Map<String, Object> edgeState(Connection c, long edgeId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT e.review_state, e.belief, a.name, b.name FROM edges e JOIN variables a ON a.id = e.cause_id"
            + " JOIN variables b ON b.id = e.effect_id WHERE e.id = ? FOR UPDATE OF e")) {
      s.setLong(1, edgeId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("no edge " + edgeId);
        }
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("edge_id", edgeId);
        state.put("cause", rs.getString(3));
        state.put("effect", rs.getString(4));
        state.put("state", rs.getString(1));
        state.put("belief", rs.getDouble(2));
        return state;
      }
    }
  }

  /** The review log, newest first, optionally of one reviewer. */
  public List<LogEntry> log(String reviewer, int limit) {
    return log(new LogFilter(reviewer, null, null, null, limit));
  }

  /** The review log entries matching {@code filter}, newest first. */
  public List<LogEntry> log(LogFilter filter) {
    return logPage(filter, null).items();
  }

  private static final String LOG = "review log";

  /** A page of the entries matching {@code filter}, older than those before {@code cursor}. */
  public Page<LogEntry> logPage(LogFilter filter, String cursor) {
    PageCursor after = PageCursor.decode(cursor, LOG, 1);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT id, at, reviewer, target, target_id, action, before::text,"
            + " after::text, note FROM review_log WHERE (?::bigint IS NULL OR id < ?)"
            + " AND (?::text IS NULL OR reviewer = ?)"
            + " AND (?::text IS NULL OR action = ?) AND (?::timestamptz IS NULL OR at >= ?)"
            + " AND (?::timestamptz IS NULL OR at < ?) ORDER BY id DESC LIMIT ?")) {
      java.sql.Timestamp since = filter.since() == null ? null : java.sql.Timestamp.from(filter.since());
      java.sql.Timestamp until = filter.until() == null ? null : java.sql.Timestamp.from(filter.until());
      Long before = after == null ? null : after.number(0);
      s.setObject(1, before, java.sql.Types.BIGINT);
      s.setObject(2, before, java.sql.Types.BIGINT);
      s.setString(3, filter.reviewer());
      s.setString(4, filter.reviewer());
      s.setString(5, filter.action());
      s.setString(6, filter.action());
      s.setTimestamp(7, since);
      s.setTimestamp(8, since);
      s.setTimestamp(9, until);
      s.setTimestamp(10, until);
      s.setInt(11, filter.limit() + 1);
      List<LogEntry> out = new java.util.ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new LogEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
        }
      }
      return Page.of(out, filter.limit(), e -> PageCursor.of(LOG, e.id()));
    } catch (SQLException e) {
      throw new StoreException("cannot read the review log", e);
    }
  }

  /**
   * Which log entries to read; null fields match all.
   *
   * @param action {@code accept}, {@code reject}, {@code reverse}, {@code merge}, {@code split}, {@code rename}
   * @param until exclusive
   */
  public record LogFilter(String reviewer, String action, java.time.Instant since, java.time.Instant until,
      int limit) {}

  /** One decision as the log keeps it; before and after are JSON objects. */
  public record LogEntry(long id, java.time.Instant at, String reviewer, String target, String targetId,
      String action, String before, String after, String note) {}
}
