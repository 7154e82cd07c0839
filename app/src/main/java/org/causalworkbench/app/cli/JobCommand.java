package org.causalworkbench.app.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.causalworkbench.app.job.CausalGraphJob;
import org.causalworkbench.app.pipeline.PipelineRunner;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.app.summary.SummaryPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Run the job in a local MiniCluster against the configured broker and database. */
@Command(name = "job", mixinStandardHelpOptions = true,
    description = {"Runs the Flink job in this process against the broker and database (embedded in --data-dir,"
        + " or external with --bootstrap and --jdbc-url).",
        "Streams until Ctrl-C, or with --bounded processes what is in the documents topic and exits.",
        "On a Flink cluster submit the same job: flink run -c org.causalworkbench.app.job.JobMain workbench.jar"
            + " --kafka.bootstrap HOST:PORT --jdbc.url URL"})
public final class JobCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Option(names = "--bounded", description = "Stop once the documents topic is read to its current end.")
  boolean bounded;

  @Override
  public Integer call() throws Exception {
    try (WorkbenchServices running = WorkbenchServices.start(services.config(), true, true)) {
      PipelineRunner runner = new PipelineRunner(running);
      if (!bounded) {
        CausalGraphJob.runLocal(running.resolvedConfig(), false);
        return 0;
      }
      Instant started = Instant.now();
      CausalGraphJob.Result result = runner.runBounded();
      SummaryPrinter.print(runner.summary(null, result, started, null, null), System.out);
      return 0;
    }
  }
}
