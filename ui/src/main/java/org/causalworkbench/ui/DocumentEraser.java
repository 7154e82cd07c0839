package org.causalworkbench.ui;

import java.util.List;
import java.util.Map;
import org.causalworkbench.graph.review.ReviewService;

/**
 * Honours a deletion request from the UI: removes documents wherever whoever runs the pipeline
 * keeps them (the store always; the topics and the model's cached answers when the server runs
 * with the pipeline's services). Answers what was removed, for the admin to see.
 */
@FunctionalInterface
public interface DocumentEraser {

  /**
   * @param reviews the server's own review service: the re-scoring a forget sets off joins its
   *     recalibration, which the UI shows
   */
  Map<String, Object> forget(ReviewService reviews, List<String> documentIds, String requestedBy, String note);

  /** The store alone: the server runs without the pipeline's broker and caches. */
  static DocumentEraser storeOnly() {
    return (reviews, documents, requestedBy, note) -> {
      ReviewService.Forgotten f = reviews.forgetDocuments(documents, requestedBy, note);
      return Map.of("documents", f.documents(), "evidence", f.evidenceIds().size(), "edges_removed", f.edgesRemoved(),
          "edges_rescored", f.edgesRescored(), "tombstones", false, "cached_answers", 0, "dead_letters", 0);
    };
  }
}
