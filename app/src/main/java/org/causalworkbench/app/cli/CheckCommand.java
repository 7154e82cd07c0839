package org.causalworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.causalworkbench.app.cluster.FaultCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Checks that need the whole system running; today the fault check on a real cluster. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"faults: starts a cluster on this machine (as ./workbench cluster start), streams a corpus of"
        + " our own reports through the job while it kills -9 one TaskManager and one broker and starts them again,"
        + " then compares the graph and the verdicts topic with a clean run's: lost, duplicated, recovery seconds.",
        "Example: ./workbench check faults --documents 300"})
public final class CheckCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "CHECK", description = "faults")
  String check;

  @Option(names = "--documents", defaultValue = "300", description = "Documents in the corpus (default 300).")
  int documents;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where the cluster lives (default: a new temporary folder).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (!check.equals("faults")) {
      throw new IllegalArgumentException("unknown check '" + check + "': faults");
    }
    Path where = dir != null ? dir : Files.createTempDirectory("workbench-faults");
    FaultCheck.Report report = new FaultCheck(where, documents, System.out).run();
    System.out.printf(Locale.ROOT, "fault check: %d documents, %d evidence rows, %d kills survived, %d lost,"
        + " %d duplicated, in %.0f s%n", report.documents(), report.evidence(), report.killsSurvived(), report.lost(),
        report.duplicated(), report.seconds());
    report.recoveries().forEach(r -> System.out.printf(Locale.ROOT, "  recovered from the loss of %s in %.1f s%s%n",
        r.killed(), r.seconds(), r.restarted() ? " (restarted from the last checkpoint)" : " (no restart)"));
    report.differences().forEach(d -> System.out.println("  DIFFERS: " + d));
    System.out.println(report.passed() ? "PASSED: the graph and the verdicts topic equal a clean run's"
        : "FAILED: see above");
    return report.passed() ? 0 : 1;
  }
}
