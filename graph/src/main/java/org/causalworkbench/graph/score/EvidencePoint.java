package org.causalworkbench.graph.score;

/** What the belief model and the flags need of one piece of evidence for an edge. */
public record EvidencePoint(
    String judgeId, String documentId, double probability, boolean crossSentence, boolean hedgedOrNegated) {}
