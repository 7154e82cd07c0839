package org.causalworkbench.graph.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.causalworkbench.graph.score.EdgePolarity;
import org.causalworkbench.graph.store.StoreException;

/** Read-side queries over the graph store, used by the summary, the CLI and the HTTP API. */
public final class GraphQueries {

  /** An edge seen in one document, for evaluation against a gold list. */
  public record EdgeInDocument(String cause, String effect, String documentId, String source, String externalId, double belief) {}

  private static final String EXAMPLE =
      "(SELECT string_agg(s.text, ' ' ORDER BY s.idx) FROM evidence v JOIN sentences s"
          + " ON s.document_id = v.document_id AND s.idx = ANY (v.sentence_indexes)"
          + " WHERE v.id = (SELECT id FROM evidence WHERE edge_id = e.id ORDER BY probability DESC, id LIMIT 1))";

  private static final String JUDGES =
      "ARRAY(SELECT DISTINCT judge_id FROM evidence WHERE edge_id = e.id ORDER BY judge_id)";

  private static final String EDGE_COLUMNS =
      "e.id, e.cause_id, c.name, e.effect_id, f.name, e.belief, e.evidence_count, e.document_count, e.flags,"
          + " e.review_state, " + JUDGES + ", e.updated_at, " + EXAMPLE + ", " + EdgePolarity.sql("e") + ","
          + " e.polarity_set IS NOT NULL, e.reject_reason"
          + " FROM edges e JOIN variables c ON c.id = e.cause_id JOIN variables f ON f.id = e.effect_id";

  private final DataSource dataSource;

  public GraphQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public GraphCounts counts() {
    try (Connection c = dataSource.getConnection()) {
      long documents = 0;
      long units = 0;
      long pairs = 0;
      double annotationMs = 0;
      try (ResultSet rs = c.createStatement().executeQuery(
          "SELECT count(*), coalesce(sum(units), 0), coalesce(sum(candidate_pairs), 0),"
              + " coalesce(sum(annotation_ms), 0) FROM documents")) {
        rs.next();
        documents = rs.getLong(1);
        units = rs.getLong(2);
        pairs = rs.getLong(3);
        annotationMs = rs.getDouble(4);
      }
      long sentences = single(c, "SELECT count(*) FROM sentences");
      Map<String, Long> byLabel = new TreeMap<>();
      try (ResultSet rs = c.createStatement().executeQuery("SELECT label, count(*) FROM evidence GROUP BY label")) {
        while (rs.next()) {
          byLabel.put(rs.getString(1), rs.getLong(2));
        }
      }
      long edges = single(c, "SELECT count(*) FROM edges");
      long flagged = single(c, "SELECT count(*) FROM edges WHERE review_state = 'needs_review'");
      Map<String, Long> failures = new TreeMap<>();
      try (ResultSet rs = c.createStatement().executeQuery(
          "SELECT failure, count(*) FROM evidence WHERE failure IS NOT NULL GROUP BY failure")) {
        while (rs.next()) {
          failures.put(rs.getString(1), rs.getLong(2));
        }
      }
      long tokensIn = single(c, "SELECT coalesce(sum(tokens_in), 0) FROM evidence");
      long tokensOut = single(c, "SELECT coalesce(sum(tokens_out), 0) FROM evidence");
      return new GraphCounts(documents, sentences, units, pairs, byLabel, edges, flagged, annotationMs / 1000,
          failures, tokensIn, tokensOut);
    } catch (SQLException e) {
      throw new StoreException("cannot count the graph", e);
    }
  }

  /** Edges by belief, strongest first. */
  public List<EdgeView> edges(double minBelief, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT " + EDGE_COLUMNS
            + " WHERE e.belief >= ? ORDER BY e.belief DESC, e.evidence_count DESC, e.id LIMIT ?")) {
      s.setDouble(1, minBelief);
      s.setInt(2, limit);
      return readEdges(s);
    } catch (SQLException e) {
      throw new StoreException("cannot list edges", e);
    }
  }

  /**
   * Edges matching {@code filter}, at most {@code filter.limit()}: strongest first, or oldest change
   * first when the filter asks for changes.
   */
  public List<EdgeView> edges(EdgeFilter filter) {
    return edges(filter, null, filter.limit());
  }

  /** The list {@link #edgesPage} cursors belong to, by order. */
  private static final String BY_BELIEF = "edges by belief";
  private static final String BY_CHANGE = "edges by change";

  /**
   * A page of the edges matching {@code filter}, in the order {@link #edges(EdgeFilter)} gives,
   * after the one {@code cursor} (the previous page's {@code next}) points at.
   */
  public Page<EdgeView> edgesPage(EdgeFilter filter, String cursor) {
    boolean byChange = filter.changedSince() != null;
    PageCursor after = PageCursor.decode(cursor, byChange ? BY_CHANGE : BY_BELIEF, byChange ? 2 : 3);
    return Page.of(edges(filter, after, filter.limit() + 1), filter.limit(), e -> byChange
        ? PageCursor.of(BY_CHANGE, e.updatedAt(), e.id())
        : PageCursor.of(BY_BELIEF, e.belief(), e.evidenceCount(), e.id()));
  }

  private List<EdgeView> edges(EdgeFilter filter, PageCursor after, int limit) {
    StringBuilder where = new StringBuilder(" WHERE true");
    List<Object> args = new ArrayList<>();
    if (after != null && filter.changedSince() != null) {
      where.append(" AND (e.updated_at, e.id) > (?, ?)");
      args.add(java.sql.Timestamp.from(Instant.parse(after.text(0))));
      args.add(after.number(1));
    } else if (after != null) {
      // belief DESC, evidence_count DESC, id ASC: the rows after the cursor's
      where.append(" AND (e.belief < ? OR e.belief = ? AND (e.evidence_count < ?"
          + " OR e.evidence_count = ? AND e.id > ?))");
      args.add(after.real(0));
      args.add(after.real(0));
      args.add((int) after.number(1));
      args.add((int) after.number(1));
      args.add(after.number(2));
    }
    if (filter.minBelief() != null) {
      where.append(" AND e.belief >= ?");
      args.add(filter.minBelief());
    }
    if (filter.maxBelief() != null) {
      where.append(" AND e.belief <= ?");
      args.add(filter.maxBelief());
    }
    if (filter.state() != null) {
      where.append(" AND e.review_state = ?");
      args.add(filter.state());
    }
    if (filter.flag() != null) {
      where.append(" AND ? = ANY (e.flags)");
      args.add(filter.flag());
    }
    if (filter.judge() != null) {
      where.append(" AND EXISTS (SELECT 1 FROM evidence j WHERE j.edge_id = e.id AND j.judge_id = ?)");
      args.add(filter.judge());
    }
    if (filter.document() != null) {
      where.append(" AND EXISTS (SELECT 1 FROM evidence j JOIN documents d ON d.id = j.document_id"
          + " WHERE j.edge_id = e.id AND (d.id = ? OR d.source ILIKE ?))");
      args.add(filter.document());
      args.add(containing(filter.document()));
    }
    if (filter.text() != null) {
      where.append(" AND (c.name ILIKE ? OR f.name ILIKE ?)");
      args.add(containing(filter.text()));
      args.add(containing(filter.text()));
    }
    if (filter.variable() != null) {
      where.append(" AND (e.cause_id = ? OR e.effect_id = ?)");
      args.add(filter.variable());
      args.add(filter.variable());
    }
    if (filter.changedSince() != null) {
      where.append(" AND e.updated_at > ?");
      args.add(java.sql.Timestamp.from(filter.changedSince()));
    }
    args.add(limit);
    try (Connection c = dataSource.getConnection();
        // Changes are read oldest first so that a reader can resume after the last one it got.
        PreparedStatement s = c.prepareStatement("SELECT " + EDGE_COLUMNS + where
            + (filter.changedSince() != null ? " ORDER BY e.updated_at, e.id LIMIT ?"
                : " ORDER BY e.belief DESC, e.evidence_count DESC, e.id LIMIT ?"))) {
      for (int i = 0; i < args.size(); i++) {
        s.setObject(i + 1, args.get(i));
      }
      return readEdges(s);
    } catch (SQLException e) {
      throw new StoreException("cannot list edges", e);
    }
  }

  /** When an edge last changed, or null for an empty graph. */
  public Instant lastChange() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT max(updated_at) FROM edges");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant();
    } catch (SQLException e) {
      throw new StoreException("cannot read the last change", e);
    }
  }

  /** Part of a document: its title, identifiers, and the sentences asked for. */
  public record DocumentPart(String title, Map<String, String> ids, List<SentenceText> sentences) {}

  /** One sentence of a document, by its index. */
  public record SentenceText(int index, String text) {}

  /** A document's sentences {@code from} to {@code to}, inclusive; empty when there is no such document. */
  public Optional<DocumentPart> sentences(String documentId, int from, int to) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement doc = c.prepareStatement("SELECT title, metadata ->> 'pmid', metadata ->> 'doi',"
            + " metadata ->> 'external_id', metadata ->> 'url' FROM documents WHERE id = ?");
        PreparedStatement s = c.prepareStatement("SELECT idx, text FROM sentences WHERE document_id = ?"
            + " AND idx BETWEEN ? AND ? ORDER BY idx")) {
      doc.setString(1, documentId);
      String title;
      Map<String, String> ids;
      try (ResultSet rs = doc.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        title = rs.getString(1);
        ids = documentIds(rs, 2);
      }
      s.setString(1, documentId);
      s.setInt(2, from);
      s.setInt(3, to);
      List<SentenceText> sentences = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          sentences.add(new SentenceText(rs.getInt(1), rs.getString(2)));
        }
      }
      return Optional.of(new DocumentPart(title, ids, sentences));
    } catch (SQLException e) {
      throw new StoreException("cannot read the sentences of document " + documentId, e);
    }
  }

  /** The identifiers {@link #DOCUMENT_IDS} names, read from consecutive columns from {@code first}; those present. */
  private static Map<String, String> documentIds(ResultSet rs, int first) throws SQLException {
    Map<String, String> ids = new java.util.LinkedHashMap<>();
    for (int k = 0; k < DOCUMENT_IDS.size(); k++) {
      String value = rs.getString(first + k);
      if (value != null && !value.isBlank()) {
        ids.put(DOCUMENT_IDS.get(k), value);
      }
    }
    return ids;
  }

  /** The external identifiers a document may carry from ingest, in metadata. */
  private static final List<String> DOCUMENT_IDS = List.of("pmid", "doi", "external_id", "url");

  /** The largest edge id so far (ids only grow), 0 for an empty store. */
  public long largestEdgeId() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT coalesce(max(id), 0) FROM edges");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("cannot read the largest edge id", e);
    }
  }

  /** Per judge: verdicts, causal ones, failures, tokens and latency. */
  public List<JudgeStats> judgeStats() {
    String sql = "SELECT judge_id, count(*), count(*) FILTER (WHERE label <> 'none'),"
        + " count(*) FILTER (WHERE failure IS NOT NULL), coalesce(sum(tokens_in), 0), coalesce(sum(tokens_out), 0),"
        + " coalesce(avg(latency_ms), 0), coalesce(percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms), 0)"
        + " FROM evidence GROUP BY judge_id ORDER BY judge_id";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      List<JudgeStats> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new JudgeStats(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
            rs.getLong(6), rs.getDouble(7), rs.getDouble(8)));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot count verdicts by judge", e);
    }
  }

  public Optional<EdgeView> edge(long id) {
    return edges(List.of(id)).stream().findFirst();
  }

  /** The edges with these ids (those that exist), in one query. */
  public List<EdgeView> edges(java.util.Collection<Long> ids) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT " + EDGE_COLUMNS + " WHERE e.id = ANY (?) ORDER BY e.id")) {
      s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      return readEdges(s);
    } catch (SQLException e) {
      throw new StoreException("cannot read edges " + ids, e);
    }
  }

  public List<EvidenceView> evidence(long edgeId) {
    return evidence(edgeId, null, Integer.MAX_VALUE);
  }

  private static final String EVIDENCE = "evidence";

  /** A page of an edge's evidence, most probable first, from after {@code cursor}. */
  public Page<EvidenceView> evidencePage(long edgeId, int limit, String cursor) {
    PageCursor after = PageCursor.decode(cursor, EVIDENCE, 2);
    return Page.of(evidence(edgeId, after, limit + 1), limit, v -> PageCursor.of(EVIDENCE, v.probability(), v.id()));
  }

  /** An edge's evidence per judge and per document, counted in the store rather than from every row. */
  public record EvidenceBreakdown(List<JudgeShare> byJudge, List<DocumentShare> byDocument, int documents) {}

  /** One judge's share of an edge's evidence. */
  public record JudgeShare(String judge, int sentences, int documents, int rejected) {}

  /** One document's share of an edge's evidence. */
  public record DocumentShare(String documentId, String source, int sentences) {}

  /** Per judge (all) and per document (the {@code documents} with most sentences) of an edge's evidence. */
  public EvidenceBreakdown evidenceBreakdown(long edgeId, int documents) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement judges = c.prepareStatement("SELECT judge_id || '@' || judge_version, count(*),"
            + " count(DISTINCT document_id), count(*) FILTER (WHERE review = 'rejected') FROM evidence"
            + " WHERE edge_id = ? GROUP BY 1 ORDER BY 1");
        PreparedStatement docs = c.prepareStatement("SELECT v.document_id, d.source, count(*), count(*) OVER ()"
            + " FROM evidence v LEFT JOIN documents d ON d.id = v.document_id WHERE v.edge_id = ?"
            + " GROUP BY v.document_id, d.source ORDER BY count(*) DESC, v.document_id LIMIT ?")) {
      judges.setLong(1, edgeId);
      List<JudgeShare> byJudge = new ArrayList<>();
      try (ResultSet rs = judges.executeQuery()) {
        while (rs.next()) {
          byJudge.add(new JudgeShare(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)));
        }
      }
      docs.setLong(1, edgeId);
      docs.setInt(2, documents);
      List<DocumentShare> byDocument = new ArrayList<>();
      int total = 0;
      try (ResultSet rs = docs.executeQuery()) {
        while (rs.next()) {
          byDocument.add(new DocumentShare(rs.getString(1), rs.getString(2), rs.getInt(3)));
          total = rs.getInt(4);
        }
      }
      return new EvidenceBreakdown(byJudge, byDocument, total);
    } catch (SQLException e) {
      throw new StoreException("cannot count the evidence of edge " + edgeId, e);
    }
  }

  private List<EvidenceView> evidence(long edgeId, PageCursor after, int limit) {
    String sql = "SELECT v.id, v.document_id, d.source, v.sentence_indexes, u.begins, u.ends, u.texts,"
        + " v.label, v.probability, v.judge_id || '@' || v.judge_version, v.cause_text, v.cause_begin, v.cause_end,"
        + " v.effect_text, v.effect_begin, v.effect_end, v.explanation, v.qualifiers, v.review, v.failure, v.run_id,"
        + " d.title, d.metadata ->> 'pmid', d.metadata ->> 'doi', d.metadata ->> 'external_id', d.metadata ->> 'url',"
        + " v.polarity, v.signal_text, v.reject_reason"
        + " FROM evidence v LEFT JOIN documents d ON d.id = v.document_id"
        + " CROSS JOIN LATERAL (SELECT array_agg(s.begin_offset ORDER BY s.idx) AS begins,"
        + "   array_agg(s.end_offset ORDER BY s.idx) AS ends, array_agg(s.text ORDER BY s.idx) AS texts"
        + "   FROM sentences s WHERE s.document_id = v.document_id AND s.idx = ANY (v.sentence_indexes)) u"
        + " WHERE v.edge_id = ?"
        + (after == null ? "" : " AND (v.probability < ? OR v.probability = ? AND v.id > ?)")
        + " ORDER BY v.probability DESC, v.id LIMIT ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, edgeId);
      int i = 2;
      if (after != null) {
        s.setDouble(i++, after.real(0));
        s.setDouble(i++, after.real(0));
        s.setString(i++, after.text(1));
      }
      s.setInt(i, limit);
      List<EvidenceView> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          List<Integer> begins = ints(rs.getArray(5));
          List<Integer> ends = ints(rs.getArray(6));
          List<String> texts = strings(rs.getArray(7));
          int base = begins.isEmpty() ? 0 : begins.get(0);
          Map<String, String> ids = documentIds(rs, 23);
          out.add(new EvidenceView(rs.getString(1), rs.getString(2), rs.getString(3), ints(rs.getArray(4)),
              unitText(begins, ends, texts), rs.getString(8), rs.getDouble(9), rs.getString(10), rs.getString(11),
              rs.getInt(12) - base, rs.getInt(13) - base, rs.getString(14), rs.getInt(15) - base, rs.getInt(16) - base,
              rs.getString(17), strings(rs.getArray(18)), rs.getString(19), rs.getString(20), rs.getString(21),
              rs.getString(22) == null ? "" : rs.getString(22), ids,
              begins.stream().skip(1).map(b -> b - base).toList(), rs.getString(27), rs.getString(28),
              rs.getString(29), null));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read evidence of edge " + edgeId, e);
    }
  }

  /**
   * The unit's sentences laid out at their document offsets (gaps as spaces), so that span offsets
   * minus the first sentence's start index it exactly, in Java's UTF-16 units as the offsets are.
   */
  static String unitText(List<Integer> begins, List<Integer> ends, List<String> texts) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) {
      if (i > 0) {
        text.append(" ".repeat(Math.max(0, begins.get(i) - ends.get(i - 1))));
      }
      text.append(texts.get(i));
    }
    return text.toString();
  }

  /** Every (edge, document) with causal evidence, for edges at or above {@code minBelief}, in the document's words. */
  public List<EdgeInDocument> edgesByDocument(double minBelief) {
    // The names as this document put them (the evidence's surface forms), not the variable's display
    // name: a variable clustered from several forms still matches each document's own wording.
    String sql = "SELECT DISTINCT CASE WHEN v.review = 'reversed' THEN v.effect_variable ELSE v.cause_variable END,"
        + " CASE WHEN v.review = 'reversed' THEN v.cause_variable ELSE v.effect_variable END,"
        + " v.document_id, d.source, d.metadata ->> 'external_id', e.belief"
        + " FROM edges e JOIN evidence v ON v.edge_id = e.id JOIN documents d ON d.id = v.document_id"
        + " WHERE e.belief >= ? AND v.review IS DISTINCT FROM 'rejected'";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setDouble(1, minBelief);
      List<EdgeInDocument> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new EdgeInDocument(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getDouble(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot list edges by document", e);
    }
  }

  private static List<EdgeView> readEdges(PreparedStatement s) throws SQLException {
    List<EdgeView> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(new EdgeView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
            rs.getDouble(6), rs.getInt(7), rs.getInt(8), strings(rs.getArray(9)), rs.getString(10),
            strings(rs.getArray(11)), rs.getTimestamp(12).toInstant(), rs.getString(13), rs.getString(14),
            rs.getBoolean(15), rs.getString(16)));
      }
    }
    return out;
  }

  /** A LIKE pattern matching text that contains {@code text} literally (its % and _ escaped). */
  public static String containing(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static List<Integer> ints(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((Integer[]) array.getArray());
  }
}
