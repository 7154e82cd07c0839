package org.causalworkbench.app.summary;

import java.util.Map;

/**
 * Produced edges against a gold list, counted per (edge, document).
 *
 * @param produced (edge, document) pairs at or above the belief threshold
 * @param correct produced pairs that match a gold edge of that document
 * @param gold gold edges
 * @param found gold edges matched by a produced pair
 * @param recallByKind recall per gold kind (explicit, reversed, cross_sentence)
 * @param nonEdgesProduced statements listed as not causal (hedged, negated, ...) that still became
 *     produced edges
 */
public record GoldScore(
    String file,
    double minBelief,
    int produced,
    int correct,
    int gold,
    int found,
    double precision,
    double recall,
    double f1,
    Map<String, Double> recallByKind,
    int nonEdges,
    int nonEdgesProduced) {}
