package org.causalworkbench.graph.query;

/**
 * What one judge did: verdicts, how many said causal, how many gave no answer, and its cost.
 *
 * @param meanLatencyMs over the judge's answered and unanswered calls; 0 for judges that do not call out
 */
public record JudgeStats(String judge, long verdicts, long causal, long failures, long tokensIn, long tokensOut,
    double meanLatencyMs, double p95LatencyMs) {}
