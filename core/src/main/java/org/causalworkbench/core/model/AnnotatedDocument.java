package org.causalworkbench.core.model;

import java.util.List;

/**
 * A document after sentence splitting and annotation.
 *
 * @param annotationNanos time the annotator spent on it, summed into the pipeline's stage rates
 */
public record AnnotatedDocument(Document document, List<Sentence> sentences, long annotationNanos) {
  public AnnotatedDocument {
    sentences = List.copyOf(sentences);
  }
}
