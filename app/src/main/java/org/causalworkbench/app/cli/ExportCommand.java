package org.causalworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.graph.export.GraphExporter;
import org.causalworkbench.graph.export.GraphSnapshot;
import org.causalworkbench.graph.export.TrainingExport;
import org.causalworkbench.graph.score.ReviewState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Write the graph (or the part above a belief, in one review state) to a file. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes the causal graph of a data directory (or of --jdbc-url) as GraphML (Gephi, Cytoscape,"
        + " NetworkX; attributes belief, state, flags, evidence_count), Cytoscape.js JSON, Graphviz DOT, or CSV (the"
        + " edges, and their evidence in a second file ending -evidence.csv).",
        "Example: ./workbench export --format graphml --min-belief 0.7 --out target/graph.graphml"})
public final class ExportCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "graphml, json, dot or csv; or training: the analysts' decisions as span-tagged texts that"
          + " ./workbench train --task extract --data FILE reads.")
  String format;

  @Option(names = "--min-belief", defaultValue = "0", paramLabel = "X", description = "Only edges with belief >= X.")
  double minBelief;

  @Option(names = "--state", paramLabel = "S",
      description = "Only edges in this review state (unreviewed, needs_review, accepted, rejected, reversed).")
  String state;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (format.equals("training")) {
      Files.createDirectories(out.toAbsolutePath().getParent());
      try (WorkbenchServices running = WorkbenchServices.start(services.config(), false, true,
          WorkbenchServices.Sharing.ATTACH, "export")) {
        TrainingExport.Written written = TrainingExport.write(running.database().dataSource(), out);
        System.out.printf("exported %d reviewed texts (%d relations, %d sentences found not causal) to %s;"
            + " train on them with ./workbench train --task extract --data %s%n", written.texts(), written.relations(),
            written.negatives(), out, out);
      }
      return 0;
    }
    GraphExporter exporter = GraphExporter.forFormat(format);
    if (state != null) {
      try {
        ReviewState.fromWire(state);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown review state '" + state + "': unreviewed, needs_review, accepted,"
            + " rejected or reversed");
      }
    }
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (WorkbenchServices running = WorkbenchServices.start(services.config(), false, true,
        WorkbenchServices.Sharing.ATTACH, "export")) {
      GraphSnapshot graph = GraphSnapshot.load(running.database().dataSource(), minBelief, state);
      List<Path> written = exporter.write(graph, out);
      System.out.printf("exported %d variables, %d edges, %d evidence rows as %s to %s%n", graph.nodes().size(),
          graph.edges().size(), graph.evidence().size(), exporter.format(), written);
    }
    return 0;
  }
}
