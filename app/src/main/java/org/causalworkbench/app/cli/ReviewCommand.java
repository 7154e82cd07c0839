package org.causalworkbench.app.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.graph.review.RecalibrationSettings;
import org.causalworkbench.graph.review.ReviewService;
import org.causalworkbench.graph.score.EdgeScorers;
import org.causalworkbench.graph.variables.VariableCuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Review decisions and variable fixes from the command line (scripts, pipelines). */
@Command(name = "review", mixinStandardHelpOptions = true,
    description = {"Records an analyst's decision; every one goes into the review log with before and after:",
        "  edge ID accept|reject|reverse            decide an edge (reverse: the opposite edge is accepted)",
        "  evidence ID accept|reject                decide one evidence sentence",
        "  merge FROM_ID INTO_ID                    merge two variables",
        "  split SURFACE_FORM                       take a surface form out into a variable of its own",
        "  rename ID NEW_NAME                       rename a variable",
        "  log                                      the review log, newest first",
        "Example: ./workbench review edge 42 accept --reviewer ana --note \"stated in the abstract\""})
public final class ReviewCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Parameters(index = "0", paramLabel = "WHAT", description = "edge, evidence, merge, split, rename or log.")
  String what;

  @Parameters(index = "1..*", arity = "0..2", paramLabel = "ARG", description = "What the action needs.")
  java.util.List<String> args = java.util.List.of();

  @Option(names = "--reviewer", paramLabel = "NAME", description = "Who decides (required for decisions).")
  String reviewer;

  @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the log.")
  String note;

  @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "log: at most N entries.")
  int limit;

  @Override
  public Integer call() throws Exception {
    try (WorkbenchServices running = WorkbenchServices.start(services.config(), false, true,
        WorkbenchServices.Sharing.ATTACH, "review")) {
      var data = running.database().dataSource();
      var scorer = EdgeScorers.fromConfig(services.config());
      VariableCuration variables = new VariableCuration(data, scorer);
      try (ReviewService reviews = new ReviewService(data, scorer, RecalibrationSettings.from(services.config()))) {
        switch (what) {
          case "edge" -> print(reviews.reviewEdge(Long.parseLong(arg(0)),
              ReviewService.EdgeDecision.valueOf(arg(1).toUpperCase(Locale.ROOT)), who(), note));
          case "evidence" -> print(reviews.reviewEvidence(arg(0),
              ReviewService.EvidenceDecision.valueOf(arg(1).toUpperCase(Locale.ROOT)), who(), note));
          case "merge" -> print(variables.merge(Long.parseLong(arg(0)), Long.parseLong(arg(1)), who(), note));
          case "split" -> print(variables.split(arg(0), who(), note));
          case "rename" -> print(variables.rename(Long.parseLong(arg(0)), arg(1), who(), note));
          case "log" -> reviews.log(reviewer, limit).forEach(e -> System.out.printf("%s  %s  %s %s %s  %s -> %s%s%n",
              e.at(), e.reviewer(), e.action(), e.target(), e.targetId(), e.before(), e.after(),
              e.note() == null ? "" : "  (" + e.note() + ")"));
          default -> throw new IllegalArgumentException("unknown review action '" + what
              + "': edge, evidence, merge, split, rename or log");
        }
        // The judges' new error rates reach their other edges before the command exits.
        if (reviews.recalibration().status().recalibrating()) {
          System.out.println("recalibrating the beliefs of the reviewed judges' other edges...");
          reviews.recalibration().awaitIdle(java.time.Duration.ofHours(1));
          System.out.println("recalibrated " + reviews.recalibration().status().edgesTotal() + " edges");
        }
      }
    }
    return 0;
  }

  private String arg(int i) {
    if (args.size() <= i) {
      throw new IllegalArgumentException(what + " needs " + (i + 1) + " argument(s); see --help");
    }
    return args.get(i);
  }

  private String who() {
    if (reviewer == null) {
      throw new IllegalArgumentException("decisions need --reviewer NAME, for the review log");
    }
    return reviewer;
  }

  private static void print(Object outcome) {
    System.out.println(outcome);
  }
}
