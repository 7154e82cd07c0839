package org.causalworkbench.ui.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.causalworkbench.graph.export.CsvExporter;
import org.causalworkbench.graph.export.GraphExporter;
import org.causalworkbench.graph.export.GraphSnapshot;
import org.causalworkbench.ui.auth.Role;
import org.causalworkbench.ui.http.Download;
import org.causalworkbench.ui.http.HttpError;
import org.causalworkbench.ui.http.Request;
import org.causalworkbench.ui.http.Router;

/** The exports of {@code ./workbench export} as downloads. */
public final class ExportApi {

  private final DataSource dataSource;

  public ExportApi(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void register(Router router) {
    router.add("GET", "/api/export", Role.ANALYST, this::export);
  }

  private Object export(Request r) throws IOException {
    String format = r.query("format") == null ? "graphml" : r.query("format");
    boolean evidence = format.equals("evidence-csv");
    GraphExporter exporter;
    try {
      exporter = GraphExporter.forFormat(evidence ? "csv" : format);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage() + ", or evidence-csv");
    }
    Double minBelief = r.queryDouble("min_belief");
    GraphSnapshot snapshot = GraphSnapshot.load(dataSource, minBelief == null ? 0 : minBelief, r.query("state"));
    Path dir = Files.createTempDirectory("workbench-export");
    try {
      String extension = switch (format) {
        case "graphml" -> "graphml";
        case "json" -> "json";
        case "dot" -> "dot";
        default -> "csv";
      };
      Path out = dir.resolve("causal-graph." + extension);
      List<Path> written = exporter.write(snapshot, out);
      Path file = evidence ? CsvExporter.evidenceFile(out) : written.get(0);
      String type = switch (extension) {
        case "graphml" -> "application/graphml+xml";
        case "json" -> "application/json";
        case "dot" -> "text/vnd.graphviz";
        default -> "text/csv";
      };
      return new Download(file.getFileName().toString(), type + "; charset=utf-8", Files.readAllBytes(file));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }
}
