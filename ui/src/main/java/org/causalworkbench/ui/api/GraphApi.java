package org.causalworkbench.ui.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.causalworkbench.graph.query.EdgeFilter;
import org.causalworkbench.graph.query.EdgeView;
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

  public GraphApi(GraphQueries queries, GraphNavigator navigator) {
    this.queries = queries;
    this.navigator = navigator;
  }

  public void register(Router router) {
    router.add("GET", "/api/graph", Role.ANALYST, this::graph)
        .add("GET", "/api/edges", Role.ANALYST, r -> queries.edges(filter(r)))
        .add("GET", "/api/edges/{id}", Role.ANALYST, this::edge)
        .add("GET", "/api/paths", Role.ANALYST, this::paths);
  }

  /** Edges matching the filter, with the variables they connect. */
  private Object graph(Request r) {
    EdgeFilter filter = filter(r);
    List<EdgeView> edges = queries.edges(filter);
    return Map.of("nodes", nodes(edges), "edges", edges, "truncated", edges.size() == filter.limit());
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

  static List<Map<String, Object>> nodes(List<EdgeView> edges) {
    Map<Long, Map<String, Object>> nodes = new LinkedHashMap<>();
    for (EdgeView e : edges) {
      node(nodes, e.causeId(), e.cause());
      node(nodes, e.effectId(), e.effect());
    }
    return new ArrayList<>(nodes.values());
  }

  private static void node(Map<Long, Map<String, Object>> nodes, long id, String name) {
    nodes.computeIfAbsent(id, k -> {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("id", id);
      n.put("name", name);
      n.put("degree", 0);
      return n;
    }).merge("degree", 1, (a, b) -> (Integer) a + (Integer) b);
  }

  /** One edge, its evidence, and its evidence counted per judge and per document (the "why" of its belief). */
  private Object edge(Request r) {
    long id = r.pathLong("id");
    EdgeView edge = queries.edge(id).orElseThrow(() -> HttpError.notFound("no edge " + id));
    List<EvidenceView> evidence = queries.evidence(id);
    Map<String, Map<String, Object>> byJudge = new TreeMap<>();
    Map<String, Map<String, Object>> byDocument = new LinkedHashMap<>();
    for (EvidenceView v : evidence) {
      Map<String, Object> j = byJudge.computeIfAbsent(v.judge(), k -> new LinkedHashMap<>(
          Map.of("judge", k, "sentences", 0, "documents", new java.util.TreeSet<String>(), "rejected", 0)));
      j.merge("sentences", 1, (a, b) -> (Integer) a + (Integer) b);
      @SuppressWarnings("unchecked")
      java.util.Set<String> docs = (java.util.Set<String>) j.get("documents");
      docs.add(v.documentId());
      if ("rejected".equals(v.review())) {
        j.merge("rejected", 1, (a, b) -> (Integer) a + (Integer) b);
      }
      byDocument.computeIfAbsent(v.documentId(), k -> new LinkedHashMap<>(
          Map.of("document_id", k, "source", v.documentSource(), "sentences", 0)))
          .merge("sentences", 1, (a, b) -> (Integer) a + (Integer) b);
    }
    List<Map<String, Object>> judges = new ArrayList<>();
    for (Map<String, Object> j : byJudge.values()) {
      Map<String, Object> out = new LinkedHashMap<>(j);
      out.put("documents", ((java.util.Set<?>) j.get("documents")).size());
      judges.add(out);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("edge", edge);
    body.put("why", Map.of("by_judge", judges, "by_document", new ArrayList<>(byDocument.values())));
    body.put("evidence", evidence);
    return body;
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
    List<EdgeView> edges = new ArrayList<>();
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (GraphNavigator.Path p : paths) {
      for (GraphNavigator.Link l : p.links()) {
        if (seen.add(l.id())) {
          queries.edge(l.id()).ifPresent(edges::add);
        }
      }
    }
    List<Map<String, Object>> listed = new ArrayList<>();
    for (GraphNavigator.Path p : paths) {
      listed.add(Map.of("edge_ids", p.links().stream().map(GraphNavigator.Link::id).toList(),
          "strength", p.strength()));
    }
    return Map.of("paths", listed, "nodes", nodes(edges), "edges", edges);
  }
}
