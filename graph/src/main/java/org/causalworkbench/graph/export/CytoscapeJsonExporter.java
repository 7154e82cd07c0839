package org.causalworkbench.graph.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cytoscape.js elements JSON: {@code {"elements": {"nodes": [{"data": ...}], "edges": [...]}}},
 * edge data with {@code source}, {@code target}, belief, state, flags (a list) and counts; loads
 * with {@code cy.add(json.elements)} and in Cytoscape desktop.
 */
public final class CytoscapeJsonExporter implements GraphExporter {

  @Override
  public String format() {
    return "json";
  }

  @Override
  public List<Path> write(GraphSnapshot graph, Path out) throws IOException {
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (GraphSnapshot.Node n : graph.nodes()) {
      nodes.add(Map.of("data", Map.of("id", "v" + n.id(), "name", n.name())));
    }
    List<Map<String, Object>> edges = new ArrayList<>();
    for (GraphSnapshot.Edge e : graph.edges()) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("id", "e" + e.id());
      data.put("source", "v" + e.causeId());
      data.put("target", "v" + e.effectId());
      data.put("cause", e.cause());
      data.put("effect", e.effect());
      data.put("belief", e.belief());
      data.put("state", e.state());
      data.put("flags", e.flags());
      data.put("evidence_count", e.evidenceCount());
      data.put("document_count", e.documentCount());
      data.put("polarity", e.polarity());
      edges.add(Map.of("data", data));
    }
    Map<String, Object> root = Map.of("elements", Map.of("nodes", nodes, "edges", edges));
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), root);
    return List.of(out);
  }
}
