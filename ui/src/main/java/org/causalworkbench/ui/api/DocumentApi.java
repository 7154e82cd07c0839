package org.causalworkbench.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.causalworkbench.graph.review.ReviewService;
import org.causalworkbench.ui.DocumentEraser;
import org.causalworkbench.ui.auth.Role;
import org.causalworkbench.ui.http.HttpError;
import org.causalworkbench.ui.http.Request;
import org.causalworkbench.ui.http.Router;

/** Admins' document actions: forgetting documents on a deletion request. */
public final class DocumentApi {

  private final DocumentEraser eraser;
  private final ReviewService reviews;

  public DocumentApi(DocumentEraser eraser, ReviewService reviews) {
    this.eraser = eraser;
    this.reviews = reviews;
  }

  public void register(Router router) {
    router.add("POST", "/api/documents/forget", Role.ADMIN, this::forget);
  }

  private Object forget(Request r) throws IOException {
    JsonNode body = r.body();
    JsonNode ids = body.path("documents");
    if (!ids.isArray() || ids.isEmpty()) {
      throw HttpError.badRequest("documents must be a non-empty list of document ids");
    }
    List<String> documents = new ArrayList<>();
    for (JsonNode id : ids) {
      if (!id.isTextual() || id.asText().isBlank()) {
        throw HttpError.badRequest("each document id must be a non-empty string");
      }
      documents.add(id.asText());
    }
    String note = Request.optionalText(body, "note");
    // Who asked is the signed-in admin, as the review log records every decision.
    return eraser.forget(reviews, documents, r.caller().name(), note == null ? "" : note);
  }
}
