package org.causalworkbench.app.summary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.causalworkbench.pipeline.local.LocalJob;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.pipeline.functions.AnnotateFunction;
import org.causalworkbench.pipeline.functions.CandidatesFunction;
import org.causalworkbench.pipeline.functions.DecodeDocumentFunction;
import org.causalworkbench.pipeline.functions.ExtractFunction;
import org.causalworkbench.pipeline.functions.GateFunction;
import org.causalworkbench.graph.query.GraphCounts;
import org.causalworkbench.graph.query.GraphQueries;
import org.causalworkbench.ingest.read.IngestReport;
import org.causalworkbench.pipeline.functions.JudgeFunction;

/** Puts a run's summary together from the ingest report, the job's counters and the store. */
public final class SummaryBuilder {

  private static final int DEAD_LETTER_ITEMS = 20;

  private final GraphQueries queries;
  private final double minBelief;
  private final int topEdges;

  public SummaryBuilder(GraphQueries queries, double minBelief, int topEdges) {
    this.queries = queries;
    this.minBelief = minBelief;
    this.topEdges = topEdges;
  }

  /**
   * @param ingest may be null when nothing was ingested in this run
   * @param job may be null when the job did not run in this process
   * @param goldFile may be null or missing; then {@code gold} is null
   */
  public RunSummary build(IngestReport ingest, LocalJob.Result job, List<DeadLetter> deadLetters,
      RunSummary.Held held, double seconds, Path goldFile, Path nonEdgeFile) {
    GraphCounts counts = queries.counts();
    List<RunSummary.Stage> stages = new ArrayList<>();
    if (ingest != null) {
      stages.add(stage("ingest", ingest.documents() + ingest.deadLettered(), "records", ingest.seconds()));
    }
    if (job != null) {
      long sentences = job.counter(AnnotateFunction.SENTENCES);
      stages.add(stage("annotate (CoreNLP)", sentences, "sentences", nanos(job, AnnotateFunction.ANNOTATE_NANOS)));
      if (job.counter(GateFunction.UNITS) > 0) {
        stages.add(stage("gate", job.counter(GateFunction.UNITS), "units",
            nanos(job, GateFunction.GATE_NANOS)));
        stages.add(stage("extract", job.counter(ExtractFunction.UNITS), "units", nanos(job, ExtractFunction.EXTRACT_NANOS)));
      } else {
        stages.add(stage("units and candidate pairs", job.counter(CandidatesFunction.PAIRS), "pairs",
            nanos(job, CandidatesFunction.CANDIDATE_NANOS)));
        stages.add(stage("judge", job.counter(JudgeFunction.JUDGED_PAIRS), "pairs", nanos(job, JudgeFunction.JUDGE_NANOS)));
      }
      stages.add(stage("job (wall)", sentences, "sentences", job.seconds()));
    }
    Map<String, Long> byReason = new TreeMap<>();
    List<RunSummary.DeadLetters.Item> items = new ArrayList<>();
    for (DeadLetter d : deadLetters) {
      byReason.merge(d.reason(), 1L, Long::sum);
      if (items.size() < DEAD_LETTER_ITEMS) {
        items.add(new RunSummary.DeadLetters.Item(d.inputId(), d.stage(), d.reason(), d.detail()));
      }
    }
    RunSummary.Accounting accounting = accounting(ingest, job, held);
    List<RunSummary.TopEdge> top = queries.edges(0, topEdges).stream()
        .map(e -> new RunSummary.TopEdge(e.cause(), e.effect(), round(e.belief()), e.evidenceCount(), e.example()))
        .toList();
    GoldScore gold = goldFile != null && Files.exists(goldFile)
        ? GoldEvaluation.score(goldFile, nonEdgeFile, queries.edgesByDocument(minBelief), minBelief) : null;
    return new RunSummary(counts.documents(), counts.sentences(), counts.units(), counts.candidatePairs(),
        counts.verdictsByLabel(), counts.edges(), counts.flaggedEdges(),
        new RunSummary.DeadLetters(deadLetters.size(), byReason, items),
        new RunSummary.JudgeUsage(counts.tokensIn(), counts.tokensOut(), counts.judgeFailures()),
        round(seconds), stages, accounting, top, gold, gate(job));
  }

  private static RunSummary.Gate gate(LocalJob.Result job) {
    if (job == null || job.counter(GateFunction.UNITS) == 0) {
      return null;
    }
    long units = job.counter(GateFunction.UNITS);
    long passed = job.counter(GateFunction.PASSED);
    // An extractor in async I/O keeps no accumulators (Flink keeps them out of async functions): unknown there.
    boolean counted = job.counter(ExtractFunction.UNITS) > 0;
    return new RunSummary.Gate(units, passed, round((double) passed / units),
        counted ? job.counter(ExtractFunction.RELATIONS) : null, counted ? job.counter(ExtractFunction.UNNAMED) : null);
  }

  private static RunSummary.Accounting accounting(IngestReport ingest, LocalJob.Result job,
      RunSummary.Held held) {
    long read = ingest == null ? 0 : ingest.documents() + ingest.deadLettered();
    long published = ingest == null ? 0 : ingest.documents();
    long ingestDead = ingest == null ? 0 : ingest.deadLettered();
    long received = job == null ? 0 : job.counter(DecodeDocumentFunction.RECEIVED);
    long processed = job == null ? 0 : job.counter(CandidatesFunction.PROCESSED);
    long jobDead = job == null ? 0 : job.counter(DecodeDocumentFunction.DEAD_LETTERED);
    // What the job received must all be processed or dead-lettered. Whether it received what was
    // published is judged by what the topics and the store hold, which a restart or a repeated
    // ingest (the job then reads a document twice) leaves true; without them, by this run's counts.
    boolean delivered = held != null ? held.missing() == 0
        : ingest == null || job == null || received == published;
    boolean balanced = received == processed + jobDead && delivered;
    return new RunSummary.Accounting(read, published, ingestDead, received, processed, jobDead, held, balanced);
  }

  private static double nanos(LocalJob.Result job, String name) {
    return job.counter(name) / 1e9;
  }

  private static RunSummary.Stage stage(String name, long items, String unit, double seconds) {
    return new RunSummary.Stage(name, items, unit, round(seconds), seconds > 0 ? round(items / seconds) : 0);
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
