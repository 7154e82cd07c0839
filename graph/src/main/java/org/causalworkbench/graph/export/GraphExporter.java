package org.causalworkbench.graph.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes a {@link GraphSnapshot} in one file format. */
public interface GraphExporter {

  /** The format's name on the command line. */
  String format();

  /** Writes the snapshot to {@code out}; returns every file written (CSV writes two). */
  List<Path> write(GraphSnapshot graph, Path out) throws IOException;

  /** The exporter for {@code format}: graphml, json, dot or csv. */
  static GraphExporter forFormat(String format) {
    return switch (format) {
      case "graphml" -> new GraphMlExporter();
      case "json" -> new CytoscapeJsonExporter();
      case "dot" -> new DotExporter();
      case "csv" -> new CsvExporter();
      default -> throw new IllegalArgumentException("unknown export format '" + format
          + "': graphml, json, dot or csv");
    };
  }
}
