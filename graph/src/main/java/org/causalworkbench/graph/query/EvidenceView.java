package org.causalworkbench.graph.query;

import java.util.List;

/** One piece of evidence for an edge, with the sentence text it stands in. */
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
    String effectText,
    String explanation,
    List<String> qualifiers) {}
