package org.causalworkbench.app.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.graph.runs.RunRecord;
import org.causalworkbench.graph.runs.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The job runs the store has recorded, and what produced each one's verdicts. */
@Command(name = "runs", mixinStandardHelpOptions = true,
    description = {"Lists the job runs, newest first: how each ended, the documents it read, the code version and"
        + " configuration hash, and the extractors and judges (with the versions that carry their weight and prompt"
        + " digests) that produced its evidence. Every evidence row names its run (export --format csv: run_id).",
        "Examples: ./workbench runs;  ./workbench runs run-20261201-081502-3fa9c1 --json"})
public final class RunsCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Parameters(arity = "0..1", paramLabel = "RUN", description = "Show this run in full (its settings too).")
  String runId;

  @Option(names = "--limit", defaultValue = "20", description = "How many runs to list (default 20).")
  int limit;

  @Option(names = "--json", description = "Print the records as JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (WorkbenchServices running = WorkbenchServices.start(services.config(), false, true,
        WorkbenchServices.Sharing.ATTACH, "runs")) {
      RunStore runs = new RunStore(running.database().dataSource());
      List<RunRecord> shown;
      if (runId != null) {
        shown = runs.find(runId).map(List::of).orElse(List.of());
        if (shown.isEmpty()) {
          System.err.println("no run " + runId + " (./workbench runs lists them)");
          return 2;
        }
      } else {
        shown = runs.list(limit);
      }
      if (json) {
        System.out.println(new Json().writePretty(runId != null ? shown.get(0) : shown));
        return 0;
      }
      if (shown.isEmpty()) {
        System.out.println("no runs recorded yet (demo and job record theirs)");
      }
      for (RunRecord run : shown) {
        print(run, runId != null);
      }
      return 0;
    }
  }

  private static void print(RunRecord run, boolean full) {
    Instant end = run.endedAt() != null ? run.endedAt() : run.progress().at();
    String took = end == null ? "" : " after " + format(Duration.between(run.startedAt(), end));
    System.out.printf("%s  %s  %s%s%n", run.id(), run.command(), run.outcome(), took);
    System.out.printf("  started %s on %s, code %s, configuration %s%n", run.startedAt(), run.host(),
        run.codeVersion(), run.configHash().substring(0, 12));
    System.out.printf("  documents: %d read, %d done of %d; %d sentences%n", run.progress().documentsIn(),
        run.progress().documentsDone(), run.progress().documentsTotal(), run.progress().sentences());
    if (run.outcome().equals(RunRecord.RUNNING) && run.progress().line() != null) {
      System.out.println("  now: " + run.progress().line());
    }
    if (run.resumedFrom() != null) {
      System.out.println("  resumed from " + run.resumedFrom());
    }
    for (RunRecord.Producer p : run.producers()) {
      System.out.printf("  produced by %s %s: %d evidence rows%n", p.id(), p.version(), p.evidence());
    }
    if (run.failure() != null) {
      System.out.println("  failure: " + run.failure());
    }
    if (full) {
      System.out.println("  settings:");
      run.settings().forEach((k, v) -> System.out.printf("    %s = %s%n", k, v));
    }
  }

  private static String format(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60) : String.format("%dm%02ds", s / 60, s % 60);
  }
}
