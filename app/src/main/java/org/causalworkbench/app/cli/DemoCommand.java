package org.causalworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.causalworkbench.pipeline.local.LocalJob;
import org.causalworkbench.app.pipeline.PipelineRunner;
import org.causalworkbench.app.runtime.WorkbenchHome;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.app.summary.RunSummary;
import org.causalworkbench.app.summary.SummaryPrinter;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.ingest.read.IngestReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Ingest the sample corpus, run the job to the end, print the summary, serve the result. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Starts an embedded Kafka broker, Flink MiniCluster and PostgreSQL (unless --bootstrap /"
        + " --jdbc-url name external ones), ingests the sample corpus, runs the job until every document is"
        + " processed, prints a summary and serves the analyst UI at http://localhost:8080 (from the start, so"
        + " edges appear live) until Ctrl-C."})
public final class DemoCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Option(names = "--corpus", paramLabel = "PATH", description = "Files or folders to ingest (default: the sample corpus).")
  List<Path> corpus;

  @Option(names = "--gold", paramLabel = "FILE", description = "Gold edges CSV to score against (default: the sample gold).")
  Path gold;

  @Option(names = "--no-serve", description = "Exit after the summary instead of serving.")
  boolean noServe;

  @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the summary as JSON.")
  Path summaryJson;

  @Option(names = "--port", paramLabel = "N", description = "HTTP port (default: server.port, 8080).")
  Integer port;

  @Override
  public Integer call() throws Exception {
    WorkbenchConfig config = services.config();
    Instant started = Instant.now();
    WorkbenchServices running = WorkbenchServices.start(config, true, true,
        WorkbenchServices.Sharing.OWN, "demo");
    org.causalworkbench.ui.WebServer server = null;
    try {
      PipelineRunner runner = new PipelineRunner(running);
      // Served from the start, so an analyst can watch edges arrive while the job runs.
      server = noServe ? null : ServeCommand.start(running, config, port);
      List<Path> inputs = corpus != null ? corpus : List.of(WorkbenchHome.sampleCorpus());
      IngestReport ingest = runner.ingest(inputs);
      LocalJob.Result job = runner.runBounded();
      boolean sample = corpus == null;
      Path goldFile = gold != null ? gold : sample ? WorkbenchHome.sampleGold() : null;
      Path nonEdges = sample && gold == null ? WorkbenchHome.sampleNonEdges() : null;
      RunSummary summary = runner.summary(ingest, job, started, goldFile, nonEdges);
      SummaryPrinter.print(summary, System.out);
      if (summaryJson != null) {
        Path parent = summaryJson.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(summaryJson, new Json().writePretty(summary));
        System.out.println("summary written to " + summaryJson);
      }
      if (noServe) {
        return 0;
      }
      ServeCommand.awaitInterrupt();
      return 0;
    } finally {
      if (server != null) {
        server.close();
      }
      running.close();
    }
  }
}
