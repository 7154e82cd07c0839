package org.causalworkbench.graph.query;

import java.util.List;

/**
 * One piece of evidence for an edge, with the text it stands in. {@code text} is the document's
 * own text from the first sentence's start to the last one's end; the span offsets are relative to
 * it, so a reader can mark cause and effect without searching for them.
 *
 * @param review null, {@code accepted} or {@code rejected} (a decision on this sentence alone)
 * @param run the job run that produced it, or null for evidence older than run records
 */
public record EvidenceView(
    String id,
    String documentId,
    String documentSource,
    List<Integer> sentences,
    String text,
    String label,
    double probability,
    String judge,
    String causeText,
    int causeBegin,
    int causeEnd,
    String effectText,
    int effectBegin,
    int effectEnd,
    String explanation,
    List<String> qualifiers,
    String review,
    String failure,
    String run) {}
