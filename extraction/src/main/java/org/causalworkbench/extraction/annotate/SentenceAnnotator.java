package org.causalworkbench.extraction.annotate;

import java.util.List;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Sentence;

/** Splits a document into annotated sentences (tokens, lemmas, parts of speech, dependencies). */
public interface SentenceAnnotator {

  /** The document's sentences, annotated; sentences too long to annotate are left out. */
  default List<Sentence> annotate(Document document) {
    return annotate(document, Long.MAX_VALUE).sentences();
  }

  /**
   * The document's sentences, annotated within {@code budgetNanos}, and those left out for their
   * length (their indexes are not reused: a sentence's index is its place in the document).
   *
   * @throws AnnotationBudgetExceeded when the budget runs out before the last sentence
   */
  Annotated annotate(Document document, long budgetNanos);

  /** Annotated sentences, in order, and the sentences left out. */
  record Annotated(List<Sentence> sentences, List<Skipped> skipped) {}

  /** A sentence left out: its place, its characters in the document, and its length in tokens. */
  record Skipped(int index, int begin, int end, int tokens) {}

  /** A document whose annotation took longer than its budget; nothing of it is kept. */
  final class AnnotationBudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AnnotationBudgetExceeded(String message) {
      super(message);
    }
  }
}
