package org.causalworkbench.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.causalworkbench.graph.query.GraphQueries;
import org.causalworkbench.graph.query.Page;
import org.causalworkbench.graph.review.ReviewQueue;
import org.causalworkbench.graph.review.ReviewService;
import org.causalworkbench.ui.auth.Role;
import org.causalworkbench.ui.http.HttpError;
import org.causalworkbench.ui.http.Request;
import org.causalworkbench.ui.http.Router;

/** The review queue, decisions on edges and on single evidence sentences, and the review log. */
public final class ReviewApi {

  private final ReviewQueue queue;
  private final ReviewService reviews;
  private final GraphQueries queries;

  public ReviewApi(ReviewQueue queue, ReviewService reviews, GraphQueries queries) {
    this.queue = queue;
    this.reviews = reviews;
    this.queries = queries;
  }

  public void register(Router router) {
    router.add("GET", "/api/queue", Role.ANALYST, this::queue)
        .add("POST", "/api/edges/{id}/review", Role.ANALYST, this::reviewEdge)
        .add("POST", "/api/evidence/{id}/review", Role.ANALYST, this::reviewEvidence)
        .add("GET", "/api/log", Role.ANALYST, this::log);
  }

  /** A page of the queue, its true length, and whether beliefs are being recalibrated after reviews. */
  private Object queue(Request r) {
    Page<ReviewQueue.Item> page = queue.page(r.queryInt("limit", 20, 500), r.query("after"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.items());
    body.put("next", page.next());
    body.put("waiting", queue.waiting());
    body.put("recalibrating", reviews.recalibration().status());
    return body;
  }

  private Object reviewEdge(Request r) throws IOException {
    long id = r.pathLong("id");
    JsonNode body = r.body();
    ReviewService.EdgeDecision decision = decision(ReviewService.EdgeDecision.class, Request.text(body, "decision"));
    queries.edge(id).orElseThrow(() -> HttpError.notFound("no edge " + id));
    return reviews.reviewEdge(id, decision, r.caller().name(), Request.optionalText(body, "note"));
  }

  private Object reviewEvidence(Request r) throws IOException {
    String id = r.path("id");
    JsonNode body = r.body();
    ReviewService.EvidenceDecision decision =
        decision(ReviewService.EvidenceDecision.class, Request.text(body, "decision"));
    return reviews.reviewEvidence(id, decision, r.caller().name(), Request.optionalText(body, "note"));
  }

  private Object log(Request r) {
    Page<ReviewService.LogEntry> page = reviews.logPage(new ReviewService.LogFilter(r.query("reviewer"),
        r.query("action"), r.queryInstant("since"), r.queryInstant("until"), r.queryInt("limit", 200, 5_000)),
        r.query("after"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entries", page.items());
    body.put("next", page.next());
    return body;
  }

  private static <E extends Enum<E>> E decision(Class<E> type, String text) {
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E value : type.getEnumConstants()) {
        allowed.append(allowed.length() == 0 ? "" : ", ").append(value.name().toLowerCase(Locale.ROOT));
      }
      throw HttpError.badRequest("decision '" + text + "' is not one of: " + allowed);
    }
  }
}
