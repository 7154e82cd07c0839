package org.causalworkbench.app.summary;

import java.util.List;
import java.util.Map;

/**
 * What a run did, as printed and as written to {@code --summary-json}. Field names become the JSON
 * keys in snake_case ({@code candidate_pairs}, {@code top_edges}).
 */
public record RunSummary(
    long documents,
    long sentences,
    long units,
    long candidatePairs,
    Map<String, Long> verdicts,
    long edges,
    long flaggedEdges,
    DeadLetters deadLetters,
    JudgeUsage judge,
    double seconds,
    List<Stage> stages,
    Accounting accounting,
    List<TopEdge> topEdges,
    GoldScore gold,
    Gate gate) {

  /**
   * What the unit gate let through to the extractor (null in pairs mode).
   *
   * @param relations relations the extractor found in the passed units; null for an extractor in
   *     async I/O, which keeps no counts
   * @param unnamed of those, how many named no variable on one side and made no evidence
   */
  public record Gate(long units, long passed, double passShare, Long relations, Long unnamed) {}

  /** Dead letters by reason, with the first few in full. */
  public record DeadLetters(long total, Map<String, Long> byReason, List<Item> items) {
    /** One dead letter. */
    public record Item(String input, String stage, String reason, String detail) {}
  }

  /** What the judges cost and where they gave no answer (all verdicts in the store). */
  public record JudgeUsage(long tokensIn, long tokensOut, Map<String, Long> failures) {}

  /** Throughput of one stage: items over the seconds the stage was busy. */
  public record Stage(String name, long items, String unit, double seconds, double perSecond) {}

  /** Every input accounted for: what came in, what was processed, what was dead-lettered. */
  /**
   * This run's counts, and what the topics and the store hold across every run on them: each
   * document on the documents topic is in the graph or dead-lettered by the job (so the check stays
   * true after a restart or a second ingest of the same files).
   *
   * @param held null when the topics and store were not read
   */
  public record Accounting(
      long ingestRecords, long ingestPublished, long ingestDeadLettered,
      long jobReceived, long jobProcessed, long jobDeadLettered, Held held, boolean balanced) {}

  /**
   * @param documents distinct documents on the documents topic
   * @param inGraph of those, in the graph store
   * @param deadLettered of the others, dead-lettered by the job
   * @param missing neither: not yet read, or lost
   */
  public record Held(long documents, long inGraph, long deadLettered, long missing) {}

  /** One of the strongest edges with one evidence sentence. */
  public record TopEdge(String cause, String effect, double belief, int evidenceCount, String example) {}
}
