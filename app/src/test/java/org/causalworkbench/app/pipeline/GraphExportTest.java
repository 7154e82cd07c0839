package org.causalworkbench.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.graph.export.CsvExporter;
import org.causalworkbench.graph.export.GraphExporter;
import org.causalworkbench.graph.export.GraphSnapshot;
import org.causalworkbench.ingest.read.CsvTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Each export format, read back with a real parser, says what the store says. */
class GraphExportTest {

  @TempDir Path dir;

  @Test
  void everyFormatReadsBackAsTheStoresEdges() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "Heavy snowfall closed the mountain pass. Deliveries to the valley"
        + " stopped. The closure raised \"fuel prices\" & bread prices, <said> the council.");
    Files.writeString(dir.resolve("b.txt"), "The mountain pass closure was caused by heavy snowfall. Landslides"
        + " damaged the railway line.");
    WorkbenchServices services = SharedServices.embedded();
    PipelineRunner runner = new PipelineRunner(services, SharedServices.isolated(services, "export",
        "data.dir", dir.resolve("data").toString()));
    runner.ingest(List.of(dir.resolve("a.txt"), dir.resolve("b.txt")));
    runner.runBounded();

    Map<Long, Double> stored = new HashMap<>();
    try (Connection c = services.database().dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, belief FROM edges")) {
      while (rs.next()) {
        stored.put(rs.getLong(1), rs.getDouble(2));
      }
    }
    assertTrue(stored.size() >= 2, "the two documents made edges: " + stored);
    GraphSnapshot graph = GraphSnapshot.load(services.database().dataSource(), 0, null);
    assertEquals(stored.size(), graph.edges().size());

    // GraphML, through the JDK's DOM parser
    Path graphml = dir.resolve("g.graphml");
    GraphExporter.forFormat("graphml").write(graph, graphml);
    var xml = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().parse(graphml.toFile());
    NodeList edges = xml.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "edge");
    assertEquals(stored.size(), edges.getLength());
    assertEquals(graph.nodes().size(), xml.getElementsByTagNameNS("*", "node").getLength());
    for (int i = 0; i < edges.getLength(); i++) {
      Element e = (Element) edges.item(i);
      long id = Long.parseLong(e.getAttribute("id").substring(1));
      Map<String, String> data = new HashMap<>();
      NodeList values = e.getElementsByTagNameNS("*", "data");
      for (int k = 0; k < values.getLength(); k++) {
        Element d = (Element) values.item(k);
        data.put(d.getAttribute("key"), d.getTextContent());
      }
      assertEquals(stored.get(id), Double.parseDouble(data.get("belief")), 1e-6, "belief of edge " + id);
      assertTrue(data.containsKey("state") && data.containsKey("flags") && data.containsKey("evidence_count"));
    }

    // Cytoscape.js JSON, through Jackson
    Path json = dir.resolve("g.json");
    GraphExporter.forFormat("json").write(graph, json);
    JsonNode elements = new ObjectMapper().readTree(json.toFile()).path("elements");
    assertEquals(stored.size(), elements.path("edges").size());
    for (JsonNode e : elements.path("edges")) {
      long id = Long.parseLong(e.path("data").path("id").asText().substring(1));
      assertEquals(stored.get(id), e.path("data").path("belief").asDouble(), 1e-12);
      assertTrue(e.path("data").path("flags").isArray());
    }
    assertEquals(graph.nodes().size(), elements.path("nodes").size());

    // DOT: one arrow per edge; names with quotes stay inside their string
    Path dot = dir.resolve("g.dot");
    GraphExporter.forFormat("dot").write(graph, dot);
    String dotText = Files.readString(dot);
    assertEquals(stored.size(), dotText.lines().filter(l -> l.contains(" -> ")).count());
    assertTrue(dotText.startsWith("digraph") && dotText.strip().endsWith("}"));

    // CSV, through the workbench's own RFC 4180 reader
    Path csv = dir.resolve("g.csv");
    List<Path> files = GraphExporter.forFormat("csv").write(graph, csv);
    assertEquals(List.of(csv, CsvExporter.evidenceFile(csv)), files);
    List<CsvTable.Row> edgeRows = CsvTable.read(csv);
    assertEquals(stored.size() + 1, edgeRows.size());
    for (CsvTable.Row row : edgeRows.subList(1, edgeRows.size())) {
      assertEquals(stored.get(Long.parseLong(row.fields().get(0))), Double.parseDouble(row.fields().get(3)), 1e-6);
    }
    List<CsvTable.Row> evidenceRows = CsvTable.read(files.get(1));
    assertEquals(graph.evidence().size() + 1, evidenceRows.size());
    int evidenceTotal = graph.edges().stream().mapToInt(GraphSnapshot.Edge::evidenceCount).sum();
    assertEquals(evidenceTotal, graph.evidence().size(), "every edge's evidence is exported");

    // Filters: above a belief, in a state
    double cut = stored.values().stream().sorted().skip(stored.size() / 2).findFirst().orElseThrow();
    long above = stored.values().stream().filter(b -> b >= cut).count();
    assertEquals(above, GraphSnapshot.load(services.database().dataSource(), cut, null).edges().size());
    assertEquals(0, GraphSnapshot.load(services.database().dataSource(), 0, "accepted").edges().size());
  }
}
