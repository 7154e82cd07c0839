package org.causalworkbench.ui.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.causalworkbench.graph.query.GraphQueries;
import org.causalworkbench.graph.query.Page;
import org.causalworkbench.graph.runs.RunRecord;
import org.causalworkbench.graph.review.ReviewService;
import org.causalworkbench.graph.runs.RunStore;
import org.causalworkbench.ui.PipelineStatus;
import org.causalworkbench.ui.auth.Role;
import org.causalworkbench.ui.http.Request;
import org.causalworkbench.ui.http.Router;

/**
 * The run-status page's figures: the job runs (the one running with its progress), what the store
 * holds, per judge, and what the pipeline reports.
 */
public final class StatusApi {

  /** Runs the status page lists. */
  private static final int RECENT_RUNS = 10;
  private static final int MAX_RUNS = 500;

  private final GraphQueries queries;
  private final RunStore runs;
  private final PipelineStatus pipeline;
  private final ReviewService reviews;

  public StatusApi(GraphQueries queries, RunStore runs, PipelineStatus pipeline, ReviewService reviews) {
    this.queries = queries;
    this.runs = runs;
    this.pipeline = pipeline;
    this.reviews = reviews;
  }

  public void register(Router router) {
    router.add("GET", "/api/health", Role.ANALYST, r -> Map.of("status", "ok"))
        .add("GET", "/api/summary", Role.ANALYST, r -> queries.counts())
        .add("GET", "/api/status", Role.ANALYST, r -> status())
        .add("GET", "/api/runs", Role.ANALYST, this::runs);
  }

  /** A page of the runs, newest first. */
  private Object runs(Request r) {
    Page<RunRecord> page = runs.page(r.queryInt("limit", RECENT_RUNS, MAX_RUNS), r.query("after"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runs", page.items());
    body.put("next", page.next());
    return body;
  }

  private Map<String, Object> status() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runs", runs.list(RECENT_RUNS));
    body.put("store", queries.counts());
    body.put("judges", queries.judgeStats());
    body.put("judge_reviews", reviews.judgeReviews());
    body.put("pipeline", pipeline.snapshot());
    return body;
  }
}
