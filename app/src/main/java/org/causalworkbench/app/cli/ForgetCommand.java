package org.causalworkbench.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.causalworkbench.app.runtime.DocumentForgetter;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.graph.review.RecalibrationSettings;
import org.causalworkbench.graph.review.ReviewService;
import org.causalworkbench.graph.score.EdgeScorers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Honour a deletion request: a document and everything derived from it leave the store and the topics. */
@Command(name = "forget", mixinStandardHelpOptions = true,
    description = {"Removes documents and everything derived from them: sentences, evidence, edges left without"
        + " evidence, variable names no other evidence carries; re-scores the edges they touched, logs who asked"
        + " (review log, action 'forget'), and writes tombstones for them on the documents and verdicts topics.",
        "Also removed: the llm's cached answers about them (data.dir/cache/llm/DOC) and the job's dead letters that"
            + " quote them (tombstones on the compacted dead-letter topic; a dead-letter topic created before it was"
            + " compacted keeps them until its cleanup.policy is set to compact).",
        "Example: ./workbench forget d83a9b250b955379459a1 --requested-by dpo --note \"request 2026-14\""})
public final class ForgetCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Parameters(arity = "1..*", paramLabel = "DOC", description = "Document ids (as the export and the UI show them).")
  List<String> documents;

  @Option(names = "--requested-by", required = true, paramLabel = "NAME", description = "Who asked (logged).")
  String requestedBy;

  @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the log (a request number).")
  String note;

  @Override
  public Integer call() throws InterruptedException {
    WorkbenchConfig config = services.config();
    try (WorkbenchServices running = WorkbenchServices.start(config, true, true,
        WorkbenchServices.Sharing.ATTACH, "forget")) {
      DocumentForgetter.Outcome outcome;
      try (ReviewService reviews = new ReviewService(running.database().dataSource(),
          EdgeScorers.fromConfig(running.resolvedConfig()), RecalibrationSettings.from(running.resolvedConfig()))) {
        outcome = new DocumentForgetter(running, running.resolvedConfig()).forgetAll(reviews, documents, requestedBy,
            note);
        // The command exits once done: the re-scoring the forget set off finishes first.
        reviews.recalibration().awaitIdle(java.time.Duration.ofHours(1));
      }
      ReviewService.Forgotten forgotten = outcome.store();
      System.out.printf("forgot %d of %d documents: %d evidence rows, %d edges removed, %d re-scored, %d cached llm"
          + " answers and %d dead letters removed; tombstones written%n", forgotten.documents().size(), documents.size(),
          forgotten.evidenceIds().size(), forgotten.edgesRemoved(), forgotten.edgesRescored(), outcome.cachedAnswers(),
          outcome.deadLetters());
      return forgotten.documents().size() == documents.size() ? 0 : 3;
    }
  }
}
