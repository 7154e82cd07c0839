package org.causalworkbench.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.graph.query.EdgeView;
import org.causalworkbench.graph.query.GraphQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only JSON API over the graph store, and a plain page that lists the strongest edges.
 *
 * <pre>
 * GET /api/health            {"status": "ok"}
 * GET /api/summary           counts of documents, sentences, units, pairs, verdicts, edges
 * GET /api/edges?min_belief=0.5&amp;limit=100   edges, strongest first
 * GET /api/edges/{id}        one edge with all its evidence
 * </pre>
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final int MAX_LIMIT = 10_000;

  private final HttpServer server;
  private final java.util.concurrent.ExecutorService executor;
  private final GraphQueries queries;
  private final Json json = new Json();

  private ApiServer(HttpServer server, java.util.concurrent.ExecutorService executor, GraphQueries queries) {
    this.server = server;
    this.executor = executor;
    this.queries = queries;
  }

  public static ApiServer start(String bind, int port, GraphQueries queries) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 64);
      ApiServer api = new ApiServer(server, Executors.newFixedThreadPool(4), queries);
      server.createContext("/api/", api::handleApi);
      server.createContext("/", api::handlePage);
      server.setExecutor(api.executor);
      server.start();
      LOG.info("serving http://{}:{}/ (JSON API under /api/)", bind, server.getAddress().getPort());
      return api;
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on " + bind + ":" + port + ": " + e.getMessage()
          + " (is the port in use? choose another with --port)", e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handleApi(HttpExchange exchange) throws IOException {
    // The exchange is closed only after the error response is sent.
    try (exchange) {
      try {
        route(exchange);
      } catch (NumberFormatException e) {
        send(exchange, 400, error("bad number in request: " + e.getMessage()));
      } catch (RuntimeException e) {
        LOG.warn("request {} failed: {}", exchange.getRequestURI(), e.toString());
        send(exchange, 500, error("internal error: " + e.getMessage()));
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("GET")) {
      send(exchange, 405, error("method not allowed: only GET is served"));
      return;
    }
    String path = exchange.getRequestURI().getPath();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    if (path.equals("/api/health")) {
      send(exchange, 200, Map.of("status", "ok"));
    } else if (path.equals("/api/summary")) {
      send(exchange, 200, queries.counts());
    } else if (path.equals("/api/edges")) {
      double minBelief = Double.parseDouble(query.getOrDefault("min_belief", "0"));
      int limit = Math.min(MAX_LIMIT, Integer.parseInt(query.getOrDefault("limit", "100")));
      send(exchange, 200, queries.edges(minBelief, limit));
    } else if (path.startsWith("/api/edges/")) {
      long id = Long.parseLong(path.substring("/api/edges/".length()));
      var edge = queries.edge(id);
      if (edge.isEmpty()) {
        send(exchange, 404, error("no edge " + id));
      } else {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("edge", edge.get());
        body.put("evidence", queries.evidence(id));
        send(exchange, 200, body);
      }
    } else {
      send(exchange, 404, error("no such endpoint: " + path));
    }
  }

  private void handlePage(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals("/")) {
        send(exchange, 404, error("not found"));
        return;
      }
      try (InputStream page = ApiServer.class.getResourceAsStream("/web/index.html")) {
        byte[] body = page.readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        securityHeaders(exchange);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    }
  }

  private void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.write(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    securityHeaders(exchange);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void securityHeaders(HttpExchange exchange) {
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
  }

  private static Map<String, String> error(String message) {
    return Map.of("error", message);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
