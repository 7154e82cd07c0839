package org.causalworkbench.graph.query;

import java.util.Map;

/** Sizes of what the store holds, for summaries and the run-status API. */
public record GraphCounts(
    long documents,
    long sentences,
    long units,
    long candidatePairs,
    Map<String, Long> verdictsByLabel,
    long edges,
    long flaggedEdges,
    double annotationSeconds,
    Map<String, Long> judgeFailures,
    long tokensIn,
    long tokensOut) {

  public long verdicts() {
    return verdictsByLabel.values().stream().mapToLong(Long::longValue).sum();
  }
}
