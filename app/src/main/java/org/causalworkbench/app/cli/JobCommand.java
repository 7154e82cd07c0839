package org.causalworkbench.app.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.causalworkbench.pipeline.local.LocalJob;
import org.causalworkbench.app.pipeline.PipelineRunner;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.app.summary.SummaryPrinter;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.graph.runs.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Run the job in a local MiniCluster against the configured broker and database. */
@Command(name = "job", mixinStandardHelpOptions = true,
    description = {"Runs the Flink job in this process against the broker and database (embedded in --data-dir,"
        + " or external with --bootstrap and --jdbc-url).",
        "Streams until Ctrl-C, or with --bounded processes what is in the documents topic and exits.",
        "With --flink HOST:PORT the job goes to that Flink session cluster instead (./workbench cluster start runs"
            + " one); the command follows it, keeping its run record's progress, until it ends (Ctrl-C stops only the"
            + " following), or with --detached returns once it is submitted.",
        "On any Flink cluster the job jar runs too: flink run -c org.causalworkbench.pipeline.JobMain"
            + " workbench-job.jar --kafka.bootstrap HOST:PORT --jdbc.url URL"})
public final class JobCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Option(names = "--bounded", description = "Stop once the documents topic is read to its current end.")
  boolean bounded;

  @Option(names = "--checkpoint-dir", paramLabel = "URI", description = "Where the run keeps its checkpoints, a folder"
      + " or any Flink file system URI (default: job.checkpoint-dir, else DIR/checkpoints); a streaming run killed with"
      + " its process resumes from the latest completed one there.")
  String checkpointDir;

  @Option(names = "--flink", paramLabel = "HOST:PORT", description = "Submit the streaming job to the Flink"
      + " session cluster whose JobManager's REST API answers there (needs --bootstrap, --jdbc-url and a"
      + " --checkpoint-dir every TaskManager reaches).")
  String flink;

  @Option(names = "--detached", description = "With --flink: return once the job is submitted, without following it"
      + " (its run record then shows no progress).")
  boolean detached;

  @Override
  public Integer call() throws Exception {
    WorkbenchConfig config = services.config();
    if (checkpointDir != null) {
      config = config.with(WorkbenchOptions.JOB_CHECKPOINT_DIR, checkpointDir);
    }
    if (flink != null) {
      return submit(config);
    }
    try (WorkbenchServices running = WorkbenchServices.start(config, true, true,
        WorkbenchServices.Sharing.OWN, "job")) {
      PipelineRunner runner = new PipelineRunner(running);
      if (!bounded) {
        runner.runStreaming();
        return 0;
      }
      Instant started = Instant.now();
      LocalJob.Result result = runner.runBounded();
      SummaryPrinter.print(runner.summary(null, result, started, null, null), System.out);
      return 0;
    }
  }

  private int submit(WorkbenchConfig config) throws Exception {
    if (bounded) {
      throw new IllegalArgumentException("--flink submits a streaming job; --bounded runs here, without --flink");
    }
    if (!config.isSet(WorkbenchOptions.KAFKA_BOOTSTRAP) || !config.isSet(WorkbenchOptions.JDBC_URL)) {
      throw new IllegalArgumentException("a job on a cluster reaches the broker and the database itself: give"
          + " --bootstrap and --jdbc-url (./workbench cluster status prints them)");
    }
    try (WorkbenchServices running = WorkbenchServices.start(config, true, true)) {
      PipelineRunner runner = new PipelineRunner(running);
      PipelineRunner.Submitted job = runner.submit(flink);
      System.out.println("submitted job " + job.id() + " to " + flink + " (http://" + flink + "/#/job/running/"
          + job.id() + "), run " + job.runId());
      if (detached) {
        return 0;
      }
      System.out.println("following it until it ends; Ctrl-C stops following, not the job");
      String outcome = runner.watch(job);
      System.out.println("job " + job.id() + " ended: " + outcome);
      return outcome.equals(RunRecord.FAILED) ? 1 : 0;
    }
  }
}
