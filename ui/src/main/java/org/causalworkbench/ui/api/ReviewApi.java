package org.causalworkbench.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.causalworkbench.graph.query.GraphQueries;
import org.causalworkbench.graph.query.Page;
import org.causalworkbench.core.model.Polarity;
import org.causalworkbench.graph.review.RejectReason;
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
        .add("POST", "/api/edges/{id}/polarity", Role.ANALYST, this::setPolarity)
        .add("POST", "/api/reviews", Role.ANALYST, this::reviewBatch)
        .add("POST", "/api/evidence/{id}/spans", Role.ANALYST, this::correctSpans)
        .add("GET", "/api/log", Role.ANALYST, this::log);
  }

  /**
   * A page of the queue ({@code scope}: {@code flagged}, the default, or {@code undecided}), its
   * true lengths, and whether beliefs are being recalibrated after reviews.
   */
  private Object queue(Request r) {
    ReviewQueue.Scope scope;
    try {
      scope = ReviewQueue.Scope.fromWire(r.query("scope") == null ? "flagged" : r.query("scope"));
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
    // The status first: a page that reads "done" then holds what the pass wrote.
    Object recalibrating = reviews.recalibration().storeStatus();
    Page<ReviewQueue.Item> page = queue.page(scope, r.queryInt("limit", 20, 500), r.query("after"));
    ReviewQueue.Counts counts = queue.counts();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.items());
    body.put("next", page.next());
    body.put("waiting", scope == ReviewQueue.Scope.FLAGGED ? counts.flagged() : counts.undecided());
    body.put("flagged", counts.flagged());
    body.put("undecided", counts.undecided());
    body.put("recalibrating", recalibrating);
    return body;
  }

  private Object reviewEdge(Request r) throws IOException {
    long id = r.pathLong("id");
    JsonNode body = r.body();
    ReviewService.EdgeDecision decision = decision(ReviewService.EdgeDecision.class, Request.text(body, "decision"));
    queries.edge(id).orElseThrow(() -> HttpError.notFound("no edge " + id));
    return reviews.reviewEdge(id, decision, reason(body, decision == ReviewService.EdgeDecision.REJECT), r.caller().name(),
        Request.optionalText(body, "note"));
  }

  private Object reviewEvidence(Request r) throws IOException {
    String id = r.path("id");
    JsonNode body = r.body();
    ReviewService.EvidenceDecision decision =
        decision(ReviewService.EvidenceDecision.class, Request.text(body, "decision"));
    return reviews.reviewEvidence(id, decision, reason(body, decision == ReviewService.EvidenceDecision.REJECT),
        r.caller().name(), Request.optionalText(body, "note"));
  }

  /**
   * Corrects a piece of evidence's cause and effect: {@code cause} and {@code effect} are words of
   * its text; {@code cause_variable} and {@code effect_variable} optionally name the variables.
   */
  private Object correctSpans(Request r) throws IOException {
    JsonNode body = r.body();
    try {
      return reviews.correctSpans(r.path("id"), Request.text(body, "cause"),
          Request.optionalText(body, "cause_variable"), Request.text(body, "effect"),
          Request.optionalText(body, "effect_variable"), r.caller().name(), Request.optionalText(body, "note"));
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
  }

  /** The most edges one batch decision takes. */
  static final int MAX_BATCH = 1_000;

  /**
   * One decision on several edges: {@code edges} (ids), or every undecided edge {@code
   * into_variable} or {@code from_variable} (a variable id) or {@code from_document} (a document
   * id). Each edge is decided and logged on its own.
   */
  private Object reviewBatch(Request r) throws IOException {
    JsonNode body = r.body();
    ReviewService.EdgeDecision decision = decision(ReviewService.EdgeDecision.class, Request.text(body, "decision"));
    List<Long> ids = new java.util.ArrayList<>();
    String selected = null;
    if (body.has("edges")) {
      body.get("edges").forEach(n -> {
        if (!n.canConvertToLong()) {
          throw HttpError.badRequest("edges must be a list of edge ids");
        }
        ids.add(n.asLong());
      });
      selected = "edges";
    }
    for (ReviewQueue.Selection selection : ReviewQueue.Selection.values()) {
      String key = selection.name().toLowerCase(Locale.ROOT);
      String value = Request.optionalText(body, key);
      if (value != null) {
        if (selected != null) {
          throw HttpError.badRequest("give one of edges, into_variable, from_variable, from_document; not " + selected
              + " and " + key);
        }
        if (selection != ReviewQueue.Selection.FROM_DOCUMENT && !value.matches("\\d{1,18}")) {
          throw HttpError.badRequest(key + " takes a variable id, not '" + value + "'");
        }
        ids.addAll(queue.select(selection, value, MAX_BATCH + 1));
        selected = key;
      }
    }
    if (selected == null) {
      throw HttpError.badRequest("say which edges: edges, into_variable, from_variable or from_document");
    }
    if (ids.size() > MAX_BATCH) {
      throw HttpError.badRequest("more than " + MAX_BATCH + " edges at once; narrow the selection");
    }
    for (long id : ids) {
      queries.edge(id).orElseThrow(() -> HttpError.notFound("no edge " + id));
    }
    List<ReviewService.Outcome> outcomes = reviews.reviewEdges(ids, decision,
        reason(body, decision == ReviewService.EdgeDecision.REJECT), r.caller().name(),
        Request.optionalText(body, "note"));
    return Map.of("decided", outcomes.size(), "outcomes", outcomes);
  }

  /**
   * Sets an edge's polarity: {@code increases}, {@code decreases} or {@code unknown}; null (or
   * absent) gives it back to what its sentences propose.
   */
  private Object setPolarity(Request r) throws IOException {
    long id = r.pathLong("id");
    JsonNode body = r.body();
    String text = Request.optionalText(body, "polarity");
    Polarity polarity = null;
    if (text != null) {
      polarity = Polarity.fromWire(text);
      if (!polarity.wire().equals(text.strip())) {
        throw HttpError.badRequest("polarity '" + text + "' is not one of: increases, decreases, unknown (or null)");
      }
    }
    queries.edge(id).orElseThrow(() -> HttpError.notFound("no edge " + id));
    String now = reviews.setPolarity(id, polarity, r.caller().name(), Request.optionalText(body, "note"));
    return Map.of("edge_id", id, "polarity", now, "set", polarity != null);
  }

  /** A rejection's reason ({@code reason}: not_causal by default); no other decision takes one. */
  private static RejectReason reason(JsonNode body, boolean rejection) {
    String text = Request.optionalText(body, "reason");
    if (text != null && !rejection) {
      throw HttpError.badRequest("a reason goes with decision 'reject' only");
    }
    try {
      return RejectReason.fromWire(text);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
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
