package org.causalworkbench.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.graph.query.GraphNavigator;
import org.causalworkbench.graph.query.GraphQueries;
import org.causalworkbench.graph.review.BeliefExplainer;
import org.causalworkbench.graph.review.ReviewQueue;
import org.causalworkbench.graph.review.ReviewService;
import org.causalworkbench.graph.runs.RunStore;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.variables.VariableCuration;
import org.causalworkbench.ui.api.DocumentApi;
import org.causalworkbench.ui.api.ExportApi;
import org.causalworkbench.ui.api.GraphApi;
import org.causalworkbench.ui.api.LiveEvents;
import org.causalworkbench.ui.api.ReviewApi;
import org.causalworkbench.ui.api.SessionApi;
import org.causalworkbench.ui.api.StatusApi;
import org.causalworkbench.ui.api.VariableApi;
import org.causalworkbench.ui.auth.Account;
import org.causalworkbench.ui.auth.Accounts;
import org.causalworkbench.ui.auth.DuplicateNameException;
import org.causalworkbench.ui.auth.Sessions;
import org.causalworkbench.ui.auth.SignInThrottle;
import org.causalworkbench.ui.http.OriginPolicy;
import org.causalworkbench.graph.store.NotFoundException;
import org.causalworkbench.ui.http.Download;
import org.causalworkbench.ui.http.EventStream;
import org.causalworkbench.ui.http.HttpError;
import org.causalworkbench.ui.http.Request;
import org.causalworkbench.ui.http.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analyst web UI and its JSON API (documented in {@code /api/openapi.json}). Every page and API
 * call but signing in needs a session cookie or an {@code Authorization: Bearer} token; changes made
 * with a cookie must echo the session's CSRF token in {@code X-CSRF-Token}. All responses carry a
 * Content-Security-Policy that allows only this server's own scripts and styles.
 */
public final class WebServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  /** Third-party files served from their WebJars (no CDN), by the path the pages use. */
  private static final Map<String, String> VENDOR = Map.of(
      "/assets/vendor/cytoscape.min.js", "/META-INF/resources/webjars/cytoscape/3.33.1/dist/cytoscape.min.js",
      "/assets/vendor/layout-base.js", "/META-INF/resources/webjars/layout-base/2.0.1/layout-base.js",
      "/assets/vendor/cose-base.js", "/META-INF/resources/webjars/cose-base/2.2.0/cose-base.js",
      "/assets/vendor/cytoscape-fcose.js", "/META-INF/resources/webjars/cytoscape-fcose/2.2.0/cytoscape-fcose.js",
      "/assets/vendor/swagger-ui-bundle.js", "/META-INF/resources/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js",
      "/assets/vendor/swagger-ui.css", "/META-INF/resources/webjars/swagger-ui/5.34.1/swagger-ui.css");

  private static final int MAX_THREADS = 128;

  private final HttpServer server;
  private final ExecutorService executor;
  private final OriginPolicy origins;
  private final Router router = new Router();
  private final Accounts accounts;
  private final Sessions sessions;
  private final LiveEvents live;
  private final ReviewService reviews;
  private final ServerSettings settings;
  private final Json json = new Json();

  private WebServer(HttpServer server, ServerSettings settings, DataSource dataSource, EdgeScorer scorer,
      Accounts accounts, PipelineStatus pipeline, DocumentEraser eraser) {
    this.server = server;
    this.settings = settings;
    this.accounts = accounts;
    // Live streams hold a thread each for as long as the page is open; past the cap, the accepting
    // thread answers the request itself, which slows new connections instead of piling up threads.
    this.executor = new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "workbench-http");
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.CallerRunsPolicy());
    this.sessions = new Sessions(settings.sessionIdle(), Clock.systemUTC());
    this.origins = new OriginPolicy(settings.allowedOrigins(), settings.bind());
    GraphQueries queries = new GraphQueries(dataSource);
    this.live = new LiveEvents(queries, settings.livePoll(), json);
    new SessionApi(accounts, sessions, new SignInThrottle(Clock.systemUTC()), settings.secureCookies()).register(router);
    new GraphApi(queries, new GraphNavigator(dataSource), new BeliefExplainer(dataSource, scorer),
        settings.documentLinks()).register(router);
    this.reviews = new ReviewService(dataSource, scorer, settings.recalibration());
    new ReviewApi(new ReviewQueue(dataSource), reviews, queries).register(router);
    new VariableApi(new VariableCuration(dataSource, scorer), queries).register(router);
    new ExportApi(dataSource).register(router);
    new DocumentApi(eraser, reviews).register(router);
    new StatusApi(queries, new RunStore(dataSource), pipeline, reviews).register(router);
    live.register(router);
    router.add("GET", "/api/openapi.json", org.causalworkbench.ui.auth.Role.ANALYST, r -> openApi());
  }

  /**
   * Starts serving; {@code scorer} re-scores edges after reviews, as the job's writer scores them;
   * {@code eraser} honours admins' deletion requests.
   */
  public static WebServer start(ServerSettings settings, DataSource dataSource, EdgeScorer scorer,
      Accounts accounts, PipelineStatus pipeline, DocumentEraser eraser) {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 128);
      WebServer web = new WebServer(http, settings, dataSource, scorer, accounts, pipeline, eraser);
      http.createContext("/api/", web::handleApi);
      http.createContext("/", web::handlePage);
      http.setExecutor(web.executor);
      http.start();
      LOG.info("serving http://{}:{}/ (JSON API under /api/, described at /api/openapi.json)", settings.bind(),
          http.getAddress().getPort());
      return web;
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on " + settings.bind() + ":" + settings.port() + ": "
          + e.getMessage() + " (is the port in use? choose another with --port)", e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The API's routes, for the OpenAPI check. */
  public Router router() {
    return router;
  }

  private void handleApi(HttpExchange exchange) {
    try (exchange) {
      securityHeaders(exchange);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      try {
        Router.Match match = router.match(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
        Caller caller = null;
        if (match.route().role() != null) {
          caller = authenticate(exchange);
          if (!caller.account().role().allows(match.route().role())) {
            throw new HttpError(403, "this needs the " + match.route().role().id() + " role");
          }
        } else {
          origins.check(exchange);
        }
        Object result = match.route().handler().handle(new Request(exchange,
            caller == null ? null : caller.account(), caller == null ? () -> true : caller.stillValid(),
            match.parameters(), settings.maxBodyBytes(), json));
        respond(exchange, result);
      } catch (HttpError e) {
        sendJson(exchange, e.status(), error(e.status(), e.getMessage()));
      } catch (NotFoundException e) {
        sendJson(exchange, 404, error(404, e.getMessage()));
      } catch (DuplicateNameException e) {
        sendJson(exchange, 409, error(409, e.getMessage()));
      } catch (IllegalArgumentException e) {
        sendJson(exchange, 400, error(400, e.getMessage()));
      } catch (IOException e) {
        LOG.debug("client went away during {}: {}", exchange.getRequestURI(), e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        String id = java.util.UUID.randomUUID().toString().substring(0, 8);
        LOG.warn("request {} {} failed (error id {})", exchange.getRequestMethod(), exchange.getRequestURI(), id, e);
        sendJson(exchange, 500, error(500, "internal error " + id + "; the server log has the details"));
      }
    } catch (IOException e) {
      LOG.debug("cannot answer {}: {}", exchange.getRequestURI(), e.toString());
    }
  }

  /** Who is calling, and how to tell later (a long stream) that they still may. */
  private record Caller(Account account, java.util.function.BooleanSupplier stillValid) {}

  /**
   * The caller by bearer token, or by session cookie while the account is enabled and its password
   * unchanged since sign-in; changes made with the cookie need the CSRF header and an allowed origin.
   */
  private Caller authenticate(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      if (!authorization.startsWith("Bearer ")) {
        throw new HttpError(401, "Authorization must be 'Bearer <token>' (create one with ./workbench token create)");
      }
      String token = authorization.substring("Bearer ".length()).trim();
      Account account = accounts.byToken(token).orElseThrow(() -> new HttpError(401, "unknown or revoked token"));
      return new Caller(account, () -> accounts.byToken(token).isPresent());
    }
    String id = SessionApi.cookie(exchange.getRequestHeaders().get("Cookie"), SessionApi.COOKIE);
    Sessions.Session session = sessions.find(id)
        .filter(this::stillValid)
        .orElseThrow(() -> {
          sessions.remove(id);
          return new HttpError(401, "sign in first (POST /api/session)");
        });
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      origins.check(exchange);
      String csrf = exchange.getRequestHeaders().getFirst("X-CSRF-Token");
      if (csrf == null || !java.security.MessageDigest.isEqual(csrf.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          session.csrfToken().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
        throw new HttpError(403, "missing or wrong X-CSRF-Token header (GET /api/session gives the token)");
      }
    }
    return new Caller(session.account(), () -> sessions.find(id).filter(this::stillValid).isPresent());
  }

  private boolean stillValid(Sessions.Session session) {
    return accounts.credentialsSince(session.account().name()).map(session.credentialsSince()::equals).orElse(false);
  }

  private void respond(HttpExchange exchange, Object result) throws IOException, InterruptedException {
    if (result instanceof Download d) {
      exchange.getResponseHeaders().set("Content-Type", d.contentType());
      exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"");
      exchange.sendResponseHeaders(200, d.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(d.body());
      }
    } else if (result instanceof EventStream stream) {
      try {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
          stream.stream(out);
        }
      } finally {
        stream.release();
      }
    } else {
      sendJson(exchange, 200, result);
    }
  }

  private void handlePage(HttpExchange exchange) {
    try (exchange) {
      securityHeaders(exchange);
      String path = exchange.getRequestURI().getPath();
      if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        sendJson(exchange, 405, error(405, "pages are read with GET"));
        return;
      }
      if (path.equals("/login")) {
        sendResource(exchange, "/web/login.html", "text/html; charset=utf-8");
      } else if (path.startsWith("/assets/") && !path.contains("..")) {
        sendResource(exchange, VENDOR.getOrDefault(path, "/web" + path), contentType(path));
      } else if (path.equals("/favicon.ico")) {
        sendResource(exchange, "/web/assets/favicon.svg", "image/svg+xml");
      } else if (path.equals("/api-docs")) {
        // The API description rendered for people; reading it needs the session as the API does.
        if (signedIn(exchange)) {
          sendResource(exchange, "/web/api-docs.html", "text/html; charset=utf-8");
        } else {
          exchange.getResponseHeaders().set("Location", "/login");
          exchange.sendResponseHeaders(303, -1);
        }
      } else if (path.equals("/")) {
        if (signedIn(exchange)) {
          sendResource(exchange, "/web/index.html", "text/html; charset=utf-8");
        } else {
          exchange.getResponseHeaders().set("Location", "/login");
          exchange.sendResponseHeaders(303, -1);
        }
      } else {
        sendJson(exchange, 404, error(404, "no page " + path));
      }
    } catch (IOException e) {
      LOG.debug("cannot answer {}: {}", exchange.getRequestURI(), e.toString());
    }
  }

  private boolean signedIn(HttpExchange exchange) {
    return sessions.find(SessionApi.cookie(exchange.getRequestHeaders().get("Cookie"), SessionApi.COOKIE))
        .filter(this::stillValid).isPresent();
  }

  private void sendResource(HttpExchange exchange, String resource, String type) throws IOException {
    try (InputStream in = WebServer.class.getResourceAsStream(resource)) {
      if (in == null) {
        sendJson(exchange, 404, error(404, "no such file"));
        return;
      }
      byte[] body = in.readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
      if (!exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  private static String contentType(String path) {
    if (path.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    } else if (path.endsWith(".css")) {
      return "text/css; charset=utf-8";
    } else if (path.endsWith(".svg")) {
      return "image/svg+xml";
    }
    return "application/octet-stream";
  }

  private Object openApi() throws IOException {
    try (InputStream in = WebServer.class.getResourceAsStream("/web/openapi.json")) {
      return json.mapper().readTree(in);
    }
  }

  private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.write(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void securityHeaders(HttpExchange exchange) {
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
    exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
    exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    exchange.getResponseHeaders().set("Cross-Origin-Opener-Policy", "same-origin");
  }

  private static Map<String, Object> error(int status, String message) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("error", message);
    out.put("status", status);
    return out;
  }

  @Override
  public void close() {
    live.close();
    reviews.close();
    server.stop(0);
    executor.shutdownNow();
  }
}
