package org.causalworkbench.ui.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.graph.query.EdgeFilter;
import org.causalworkbench.graph.query.EdgeView;
import org.causalworkbench.graph.query.GraphCounts;
import org.causalworkbench.graph.query.GraphQueries;
import org.causalworkbench.ui.auth.Role;
import org.causalworkbench.ui.http.EventStream;
import org.causalworkbench.ui.http.HttpError;
import org.causalworkbench.ui.http.Request;
import org.causalworkbench.ui.http.Router;

/**
 * Server-sent events: every {@code server.live-poll-ms} the edges changed since the last look go
 * out as one {@code edges} event, with the store's counts and the largest edge id when the stream
 * began ({@code new_after_id}: edges above it are new, the others changed). Transactions commit out of their
 * timestamps' order, so each look reaches back {@link #OVERLAP} and skips what it already sent.
 */
public final class LiveEvents {

  static final Duration OVERLAP = Duration.ofSeconds(5);
  private static final int MAX_STREAMS = 32;
  private static final int MAX_STREAMS_PER_ACCOUNT = 8;
  private static final int BATCH = 1_000;
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final GraphQueries queries;
  private final Duration poll;
  private final Json json;
  private final Semaphore streams = new Semaphore(MAX_STREAMS);
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> perAccount =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean closed;
  private GraphCounts counts;
  private Instant countedAt = Instant.EPOCH;

  public LiveEvents(GraphQueries queries, Duration poll, Json json) {
    this.queries = queries;
    this.poll = poll;
    this.json = json;
  }

  public void register(Router router) {
    router.add("GET", "/api/events", Role.ANALYST, this::events);
  }

  /** Ends every stream at its next look. */
  public void close() {
    closed = true;
  }

  private Object events(Request r) {
    Instant since = r.queryInstant("since");
    EdgeFilter filter = GraphApi.filter(r);
    String account = r.caller().name();
    java.util.concurrent.atomic.AtomicInteger mine =
        perAccount.computeIfAbsent(account, k -> new java.util.concurrent.atomic.AtomicInteger());
    if (mine.incrementAndGet() > MAX_STREAMS_PER_ACCOUNT) {
      mine.decrementAndGet();
      throw new HttpError(429, "this account has " + MAX_STREAMS_PER_ACCOUNT + " live streams open; close other tabs");
    }
    if (!streams.tryAcquire()) {
      mine.decrementAndGet();
      throw new HttpError(503, "too many live streams open (" + MAX_STREAMS + "); try again later");
    }
    // Both slots are given back however the answer ends, including before the stream starts.
    return new EventStream() {
      @Override
      public void stream(OutputStream out) throws IOException, InterruptedException {
        LiveEvents.this.stream(out, since == null ? Instant.now() : since, filter, r);
      }

      @Override
      public void release() {
        mine.decrementAndGet();
        streams.release();
      }
    };
  }

  private void stream(OutputStream out, Instant start, EdgeFilter filter, Request r)
      throws IOException, InterruptedException {
    Instant cursor = start;
    // Edge ids only grow: those above the largest at the start are new, the others changed (re-scored
    // after a review, or given more evidence), which the page labels apart.
    long newAfter = queries.largestEdgeId();
    // After a reload the page holds everything up to then: looks reach back no further, or a burst
    // larger than a page would ask for a reload at every look.
    Instant floor = Instant.EPOCH;
    Map<Long, Instant> sent = new HashMap<>();
    Instant lastWrite = Instant.now();
    write(out, ": live edges\nretry: 2000\n\n");
    while (!closed && r.stillAuthorized()) {
      int limit = BATCH + sent.size();
      List<EdgeView> changed = queries.edges(new EdgeFilter(filter.minBelief(), filter.maxBelief(), filter.state(),
          filter.flag(), filter.judge(), filter.document(), filter.text(), filter.variable(),
          floor.isAfter(cursor.minus(OVERLAP)) ? floor : cursor.minus(OVERLAP), limit));
      if (changed.size() == limit) {
        // More changed at once than a page should take edge by edge (a review re-scoring thousands):
        // tell it to reload its view, and go on from the newest change.
        Instant last = queries.lastChange();
        cursor = last == null ? cursor : last;
        floor = cursor;
        sent.clear();
        write(out, "event: reload\ndata: " + json.writeString(Map.of("counts", counts())) + "\n\n");
        lastWrite = Instant.now();
        Thread.sleep(poll.toMillis());
        continue;
      }
      List<EdgeView> fresh = changed.stream().filter(e -> !e.updatedAt().equals(sent.get(e.id()))).toList();
      for (EdgeView e : changed) {
        sent.put(e.id(), e.updatedAt());
        if (e.updatedAt().isAfter(cursor)) {
          cursor = e.updatedAt();
        }
      }
      Instant horizon = cursor.minus(OVERLAP);
      sent.values().removeIf(at -> at.isBefore(horizon));
      if (!fresh.isEmpty()) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("edges", fresh);
        event.put("nodes", GraphApi.nodes(fresh));
        event.put("counts", counts());
        event.put("new_after_id", newAfter);
        write(out, "event: edges\ndata: " + json.writeString(event) + "\n\n");
        lastWrite = Instant.now();
      } else if (Duration.between(lastWrite, Instant.now()).compareTo(HEARTBEAT) > 0) {
        write(out, ": ping\n\n"); // a gone client shows up as a failed write
        lastWrite = Instant.now();
      }
      Thread.sleep(poll.toMillis());
    }
  }

  /** The store's counts, read at most once per poll however many streams are open (they scan whole tables). */
  private synchronized GraphCounts counts() {
    Instant now = Instant.now();
    if (counts == null || now.isAfter(countedAt.plus(poll))) {
      counts = queries.counts();
      countedAt = now;
    }
    return counts;
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
