package org.causalworkbench.app.eval;

import java.util.Map;
import org.causalworkbench.core.metrics.Confusion;
import org.causalworkbench.inference.eval.SpanScores;

/**
 * Span-extraction scores of one extractor on grouped span data, as the Causal News Corpus subtask 2
 * scores them (see {@link org.causalworkbench.inference.eval.SpanScorer}). Keys in JSON are snake_case.
 *
 * @param n texts scored (those with at least one gold relation)
 * @param overall micro average over cause, effect and signal spans
 * @param f1Interval a 95% bootstrap interval of the overall F1, texts resampled
 * @param corpora the same scores per data file
 * @param llmCalls requests the extractor sent to the model (0 in process)
 * @param failures units without an answer, by reason
 */
public record ExtractionReport(
    String extractor,
    String version,
    String data,
    int n,
    SpanScores.Prf overall,
    SpanScores.Prf cause,
    SpanScores.Prf effect,
    SpanScores.Prf signal,
    Confusion.Interval f1Interval,
    Map<String, SpanScores> corpora,
    double seconds,
    double unitsPerSecond,
    long llmCalls,
    Map<String, Integer> failures) {}
