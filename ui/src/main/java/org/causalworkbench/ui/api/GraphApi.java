package org.causalworkbench.ui.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.causalworkbench.graph.query.EdgeFilter;
import org.causalworkbench.graph.review.BeliefExplainer;
import org.causalworkbench.ui.DocumentLinks;
import org.causalworkbench.graph.query.EdgeView;
import org.causalworkbench.graph.query.Page;
import org.causalworkbench.graph.query.EvidenceView;
import org.causalworkbench.graph.query.GraphNavigator;
import org.causalworkbench.graph.query.GraphQueries;
import org.causalworkbench.ui.auth.Role;
import org.causalworkbench.ui.http.HttpError;
import org.causalworkbench.ui.http.Request;
import org.causalworkbench.ui.http.Router;

/** Reading the graph: filtered views, one edge with its evidence and why it has its belief, paths. */
public final class GraphApi {

  static final int MAX_EDGES = 5_000;

  private final GraphQueries queries;
  private final GraphNavigator navigator;
  private final BeliefExplainer explainer;
  private final DocumentLinks links;

  public GraphApi(GraphQueries queries, GraphNavigator navigator, BeliefExplainer explainer, DocumentLinks links) {
    this.queries = queries;
    this.navigator = navigator;
    this.explainer = explainer;
    this.links = links;
  }

  public void register(Router router) {
    router.add("GET", "/api/graph", Role.ANALYST, this::graph)
        .add("GET", "/api/edges", Role.ANALYST, this::edges)
        .add("GET", "/api/edges/{id}", Role.ANALYST, this::edge)
        .add("GET", "/api/paths", Role.ANALYST, this::paths)
        .add("GET", "/api/documents/{id}/sentences", Role.ANALYST, this::sentences);
  }

  /** A page of the edges matching the filter; {@code next} asks for the following one. */
  private Object edges(Request r) {
    Page<EdgeView> page = queries.edgesPage(filter(r), r.query("after"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("edges", page.items());
    body.put("next", page.next());
    return body;
  }

  /** Edges matching the filter, with the variables they connect. */
  private Object graph(Request r) {
    Page<EdgeView> page = queries.edgesPage(filter(r), r.query("after"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("nodes", nodes(page.items()));
    body.put("edges", page.items());
    body.put("truncated", page.next() != null);
    body.put("next", page.next());
    return body;
  }

  static EdgeFilter filter(Request r) {
    String variable = r.query("variable");
    Long variableId;
    try {
      variableId = variable == null ? null : Long.valueOf(variable);
    } catch (NumberFormatException e) {
      throw HttpError.badRequest("variable must be a variable id, not '" + variable + "'");
    }
    return new EdgeFilter(r.queryDouble("min_belief"), r.queryDouble("max_belief"), r.query("state"),
        r.query("flag"), r.query("judge"), r.query("document"), r.query("q"), variableId,
        r.queryInstant("changed_since"), r.queryInt("limit", 500, MAX_EDGES));
  }

  /** A variable in a view, with how many of the view's edges touch it. */
  record Node(long id, String name, int degree) {}

  static List<Node> nodes(List<EdgeView> edges) {
    Map<Long, String> names = new LinkedHashMap<>();
    Map<Long, Integer> degrees = new java.util.HashMap<>();
    for (EdgeView e : edges) {
      names.putIfAbsent(e.causeId(), e.cause());
      names.putIfAbsent(e.effectId(), e.effect());
      degrees.merge(e.causeId(), 1, Integer::sum);
      degrees.merge(e.effectId(), 1, Integer::sum);
    }
    return names.entrySet().stream().map(n -> new Node(n.getKey(), n.getValue(), degrees.get(n.getKey()))).toList();
  }

  static final int MAX_EVIDENCE = 500;
  static final int WHY_DOCUMENTS = 50;

  /**
   * One edge, a page of its evidence (most probable first; {@code evidence_next} asks for the
   * following one), and its evidence counted per judge and per document (the "why" of its belief).
   */
  private Object edge(Request r) {
    long id = r.pathLong("id");
    EdgeView edge = queries.edge(id).orElseThrow(() -> HttpError.notFound("no edge " + id));
    Page<EvidenceView> evidence = queries.evidencePage(id, r.queryInt("evidence_limit", 100, MAX_EVIDENCE),
        r.query("evidence_after"));
    GraphQueries.EvidenceBreakdown why = queries.evidenceBreakdown(id, WHY_DOCUMENTS);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("edge", edge);
    body.put("why", Map.of("sentence", explainer.explain(id), "by_judge", why.byJudge(), "by_document",
        why.byDocument(), "documents", why.documents()));
    body.put("evidence", evidence.items().stream().map(v -> v.withLink(links.link(v.documentIds()))).toList());
    body.put("evidence_next", evidence.next());
    return body;
  }

  /** The most sentences one request reads around a piece of evidence. */
  static final int MAX_CONTEXT = 20;

  /** A document's sentences {@code from} to {@code to} (inclusive), with its title and link: evidence in context. */
  private Object sentences(Request r) {
    String id = r.path("id");
    int from = sentenceIndex(r, "from", 0);
    int to = sentenceIndex(r, "to", from);
    if (to < from || to - from >= MAX_CONTEXT) {
      throw HttpError.badRequest("from..to must be 1 to " + MAX_CONTEXT + " sentences");
    }
    GraphQueries.DocumentPart part = queries.sentences(id, from, to)
        .orElseThrow(() -> HttpError.notFound("no document " + id));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("document_id", id);
    body.put("title", part.title());
    body.put("link", links.link(part.ids()));
    body.put("sentences", part.sentences());
    return body;
  }

  /** A sentence index from the query: 0 or more. */
  private static int sentenceIndex(Request r, String name, int fallback) {
    String value = r.query(name);
    try {
      int n = value == null ? fallback : Integer.parseInt(value.strip());
      if (n < 0) {
        throw HttpError.badRequest(name + " is a sentence index, 0 or more");
      }
      return n;
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(name + " must be a whole number, not '" + value + "'");
    }
  }

  /** Paths between two variables (by name), strongest first, and the strongest one. */
  private Object paths(Request r) {
    String from = r.query("from");
    String to = r.query("to");
    if (from == null || to == null) {
      throw HttpError.badRequest("give both from and to (variable names)");
    }
    int maxLength = r.queryInt("max_length", 3, 6);
    Double minBelief = r.queryDouble("min_belief");
    List<GraphNavigator.Path> paths = navigator.paths(from, to, maxLength, minBelief == null ? 0 : minBelief,
        r.queryInt("limit", 20, 100));
    java.util.Set<Long> ids = new java.util.TreeSet<>();
    for (GraphNavigator.Path p : paths) {
      p.links().forEach(l -> ids.add(l.id()));
    }
    List<EdgeView> edges = ids.isEmpty() ? List.of() : queries.edges(ids);
    List<Map<String, Object>> listed = new ArrayList<>();
    for (GraphNavigator.Path p : paths) {
      listed.add(Map.of("edge_ids", p.links().stream().map(GraphNavigator.Link::id).toList(),
          "strength", p.strength()));
    }
    return Map.of("paths", listed, "nodes", nodes(edges), "edges", edges);
  }
}
