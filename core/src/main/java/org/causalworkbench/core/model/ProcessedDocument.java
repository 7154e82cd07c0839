package org.causalworkbench.core.model;

import java.util.List;

/**
 * What the graph store keeps of a document once the job has split it: its sentences and how many
 * units and candidate pairs it gave.
 */
public record ProcessedDocument(
    Document document, List<Sentence> sentences, int units, int candidatePairs, long annotationNanos) {
  public ProcessedDocument {
    sentences = List.copyOf(sentences);
  }
}
