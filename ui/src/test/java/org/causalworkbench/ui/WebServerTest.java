package org.causalworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.ProcessedDocument;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.graph.embedded.EmbeddedPostgres;
import org.causalworkbench.graph.score.JudgeRates;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.score.JudgePrior;
import org.causalworkbench.graph.store.Database;
import org.causalworkbench.graph.store.PostgresGraphWriter;
import org.causalworkbench.ui.auth.Accounts;
import org.causalworkbench.ui.auth.PasswordHasher;
import org.causalworkbench.ui.auth.Role;
import org.causalworkbench.ui.http.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's guards (sessions, CSRF, tokens, roles, limits, headers), its answers, its live stream and its document. */
class WebServerTest {

  @TempDir static Path dir;
  static EmbeddedPostgres postgres;
  static Database database;
  static WebServer server;
  static Accounts accounts;
  static PostgresGraphWriter writer;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "analyst-password";

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgres.start(dir.resolve("pg"));
    database = Database.open(postgres.jdbcUrl(), postgres.user(), "", 2);
    EdgeScorer scorer = new EdgeScorer(new JudgeRates(Map.of(), new JudgePrior(0.05, 0.2)), 0.5);
    writer = new PostgresGraphWriter(database.dataSource(), scorer);
    write("Drought caused famine.", "Drought", "famine");
    accounts = new Accounts(database.dataSource(), new PasswordHasher(4));
    accounts.add("ana", Role.ANALYST, PASSWORD.toCharArray());
    accounts.add("root", Role.ADMIN, PASSWORD.toCharArray());
    server = WebServer.start(new ServerSettings("127.0.0.1", 0, Duration.ofMinutes(5), 4096, false,
        Duration.ofMillis(100), List.of()), database.dataSource(), scorer, accounts, () -> Map.of("dead_letters", 3),
        DocumentEraser.storeOnly());
  }

  /** One document of one sentence "X verb Y." judged causal by cue. */
  static void write(String text, String cause, String effect) {
    write("", text, cause, effect);
  }

  /** A document of an optional first sentence and the sentence "X verb Y." judged causal by cue. */
  static void write(String first, String text, String cause, String effect) {
    String whole = first.isEmpty() ? text : first + " " + text;
    int at = whole.length() - text.length();
    Document d = new Document(ContentIds.documentId(whole), text.substring(0, 8) + ".txt", "", whole, Map.of());
    List<Sentence> sentences = new java.util.ArrayList<>();
    if (!first.isEmpty()) {
      sentences.add(new Sentence(d.id(), 0, 0, first.length(), first, List.of(), List.of()));
    }
    int index = sentences.size();
    sentences.add(new Sentence(d.id(), index, at, whole.length(), text, List.of(), List.of()));
    writer.writeDocuments(List.of(new ProcessedDocument(d, sentences, sentences.size(), 1, 1)));
    int c = whole.indexOf(cause, at);
    int e = whole.indexOf(effect, at);
    Span cs = new Span(c, c + cause.length(), cause);
    Span es = new Span(e, e + effect.length(), effect);
    writer.writeVerdicts(List.of(new Verdict(ContentIds.evidenceId(d.id(), cs, es, "cue", "1"), "p" + d.id(), d.id(),
        d.id() + "/s" + index, List.of(index), CausalLabel.CAUSE_TO_EFFECT, 0.9, "cue", "1", cs, es,
        cause.toLowerCase(), effect.toLowerCase(), "cue 'caused'", Set.of())));
  }

  @AfterAll
  static void stop() {
    server.close();
    database.close();
    postgres.close();
  }

  static String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A signed-in session: its cookie and CSRF token. */
  record Session(String cookie, String csrf) {
    HttpRequest.Builder get(String path) {
      return HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", cookie);
    }

    HttpRequest.Builder post(String path, String json) {
      return HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", cookie)
          .header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
          .POST(HttpRequest.BodyPublishers.ofString(json));
    }
  }

  static Session signIn(String name) throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url("/api/session")))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")));
    assertEquals(200, r.statusCode(), r.body());
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
    return new Session(setCookie.substring(0, setCookie.indexOf(';')), JSON.readTree(r.body()).get("csrf_token").asText());
  }

  @Test
  void everythingButSignInNeedsASession() throws Exception {
    assertEquals(401, send(HttpRequest.newBuilder(URI.create(url("/api/graph")))).statusCode());
    assertEquals(401, send(HttpRequest.newBuilder(URI.create(url("/api/openapi.json")))).statusCode());
    HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(url("/"))));
    assertEquals(303, page.statusCode());
    assertEquals("/login", page.headers().firstValue("Location").orElse(""));
    assertEquals(200, send(HttpRequest.newBuilder(URI.create(url("/login")))).statusCode());
    HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(url("/api/session")))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ana\",\"password\":\"guess-guess\"}")));
    assertEquals(401, wrong.statusCode());
    assertFalse(wrong.headers().firstValue("Set-Cookie").isPresent());

    Session ana = signIn("ana");
    assertEquals(200, send(ana.get("/")).statusCode());
    assertEquals(200, send(ana.get("/api/graph")).statusCode());
    assertEquals(200, send(ana.get("/assets/vendor/cytoscape.min.js")).statusCode());
    HttpResponse<String> out = send(ana.get("/api/session").header("X-CSRF-Token", ana.csrf()).DELETE());
    assertEquals(200, out.statusCode());
    assertEquals(401, send(ana.get("/api/graph")).statusCode(), "the cookie is dead after signing out");
  }

  @Test
  void changesNeedTheCsrfTokenAndTheSameOrigin() throws Exception {
    Session ana = signIn("ana");
    long edge = JSON.readTree(send(ana.get("/api/graph")).body()).get("edges").get(0).get("id").asLong();
    String body = "{\"decision\":\"accept\",\"note\":\"checked\"}";
    HttpResponse<String> noToken = send(HttpRequest.newBuilder(URI.create(url("/api/edges/" + edge + "/review")))
        .header("Cookie", ana.cookie()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertEquals(403, noToken.statusCode());
    assertTrue(noToken.body().contains("X-CSRF-Token"), noToken.body());
    HttpResponse<String> foreign = send(ana.post("/api/edges/" + edge + "/review", body)
        .header("Origin", "http://evil.example"));
    assertEquals(403, foreign.statusCode());
    assertTrue(foreign.body().contains("cross-origin"), foreign.body());

    HttpResponse<String> ok = send(ana.post("/api/edges/" + edge + "/review", body));
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("accepted", JSON.readTree(ok.body()).get("state").asText());
    JsonNode log = JSON.readTree(send(ana.get("/api/log?reviewer=ana&action=accept")).body()).get("entries");
    assertEquals("ana", log.get(0).get("reviewer").asText());
    assertEquals("checked", log.get(0).get("note").asText());
    send(ana.post("/api/edges/" + edge + "/review", "{\"decision\":\"reject\"}"));
  }

  @Test
  void tokensActAsTheirAccountWithoutCsrfAndRolesAreEnforced() throws Exception {
    String token = accounts.createServiceToken("pipeline-bot", Role.ANALYST);
    HttpResponse<String> graph = send(HttpRequest.newBuilder(URI.create(url("/api/graph")))
        .header("Authorization", "Bearer " + token));
    assertEquals(200, graph.statusCode());
    long edge = JSON.readTree(graph.body()).get("edges").get(0).get("id").asLong();
    HttpResponse<String> review = send(HttpRequest.newBuilder(URI.create(url("/api/edges/" + edge + "/review")))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"reject\",\"note\":\"scripted\"}")));
    assertEquals(200, review.statusCode(), review.body());
    JsonNode log = JSON.readTree(send(signIn("ana").get("/api/log?reviewer=pipeline-bot")).body()).get("entries");
    assertEquals("scripted", log.get(0).get("note").asText());
    assertEquals(401, send(HttpRequest.newBuilder(URI.create(url("/api/graph")))
        .header("Authorization", "Bearer wbt_not-a-token")).statusCode());

    assertEquals(403, send(signIn("ana").get("/api/accounts")).statusCode(), "analysts cannot list accounts");
    Session root = signIn("root");
    HttpResponse<String> added = send(root.post("/api/accounts",
        "{\"name\":\"bea\",\"password\":\"bea-password\",\"role\":\"analyst\"}"));
    assertEquals(200, added.statusCode(), added.body());
    assertTrue(accounts.verify("bea", "bea-password".toCharArray()).isPresent());
    assertEquals(409, send(root.post("/api/accounts",
        "{\"name\":\"bea\",\"password\":\"bea-password\"}")).statusCode(), "the name is taken");
    accounts.setDisabled("bea", true);
    assertTrue(accounts.verify("bea", "bea-password".toCharArray()).isEmpty(), "disabled accounts cannot sign in");
  }

  @Test
  void batchDecisionsTypedRejectsAndPolarityThroughTheApi() throws Exception {
    write("Heavy rain caused flooding.", "Heavy rain", "flooding");
    write("Heavy rain caused landslides.", "Heavy rain", "landslides");
    write("Heavy rain caused crop loss.", "Heavy rain", "crop loss");
    Session ana = signIn("ana");
    JsonNode queue = JSON.readTree(send(ana.get("/api/queue?scope=undecided&limit=500")).body());
    assertTrue(queue.get("undecided").asLong() >= queue.get("flagged").asLong());
    JsonNode first = queue.get("items").get(0);
    assertTrue(first.get("reasons").size() > 0, first.toString());
    assertFalse(first.get("reasons").get(0).get("text").asText().isBlank());
    assertEquals(400, send(ana.get("/api/queue?scope=everything")).statusCode());

    String rain = JSON.readTree(send(ana.get("/api/variables?q=heavy%20rain")).body()).findValue("id").asText();
    HttpResponse<String> both = send(ana.post("/api/reviews", "{\"decision\":\"reject\",\"from_variable\":\"" + rain
        + "\",\"edges\":[1]}"));
    assertEquals(400, both.statusCode(), both.body());
    HttpResponse<String> badReason = send(ana.post("/api/reviews", "{\"decision\":\"reject\",\"reason\":\"boring\","
        + "\"from_variable\":\"" + rain + "\"}"));
    assertEquals(400, badReason.statusCode());
    assertTrue(badReason.body().contains("wrong_variable"), badReason.body());
    HttpResponse<String> batch = send(ana.post("/api/reviews", "{\"decision\":\"reject\",\"reason\":\"hypothesis_only\","
        + "\"from_variable\":\"" + rain + "\",\"note\":\"a forecast, not a finding\"}"));
    assertEquals(200, batch.statusCode(), batch.body());
    assertEquals(3, JSON.readTree(batch.body()).get("decided").asInt(), "every undecided edge out of heavy rain");
    JsonNode log = JSON.readTree(send(ana.get("/api/log?reviewer=ana&action=reject")).body()).get("entries");
    assertEquals(3, java.util.stream.StreamSupport.stream(log.spliterator(), false)
        .filter(e -> e.get("after").asText().contains("hypothesis_only")).count(), "logged one by one, with the reason");

    long edge = JSON.readTree(send(ana.get("/api/edges?q=flooding")).body()).get("edges").get(0).get("id").asLong();
    assertEquals(400, send(ana.post("/api/edges/" + edge + "/polarity", "{\"polarity\":\"sideways\"}")).statusCode());
    HttpResponse<String> set = send(ana.post("/api/edges/" + edge + "/polarity", "{\"polarity\":\"increases\"}"));
    assertEquals(200, set.statusCode(), set.body());
    JsonNode view = JSON.readTree(send(ana.get("/api/edges/" + edge)).body());
    assertEquals("increases", view.get("edge").get("polarity").asText());
    assertTrue(view.get("edge").get("polarity_set").asBoolean());
    assertEquals("hypothesis_only", view.get("edge").get("reject_reason").asText());
    assertTrue(view.get("why").get("sentence").asText().startsWith("0.00: rejected by ana"),
        view.get("why").get("sentence").asText());
  }

  @Test
  void badRequestsGetClearJsonErrorsAndEveryResponseItsHeaders() throws Exception {
    Session ana = signIn("ana");
    HttpResponse<String> missing = send(ana.get("/api/edges/999999"));
    assertEquals(404, missing.statusCode());
    assertEquals("no edge 999999", JSON.readTree(missing.body()).get("error").asText());
    assertEquals(400, send(ana.get("/api/graph?min_belief=high")).statusCode());
    assertEquals(400, send(ana.get("/api/edges/abc")).statusCode());
    assertEquals(404, send(ana.get("/api/nothing")).statusCode());
    assertEquals(404, send(ana.post("/api/evidence/nope/review", "{\"decision\":\"reject\"}")).statusCode());
    assertEquals(405, send(ana.post("/api/graph", "{}")).statusCode());
    assertEquals(400, send(ana.post("/api/edges/1/review", "{\"decision\":")).statusCode());
    HttpResponse<String> unknown = send(ana.post("/api/edges/1/review", "{\"decision\":\"maybe\"}"));
    assertEquals(400, unknown.statusCode());
    assertTrue(unknown.body().contains("accept, reject, reverse"), unknown.body());
    HttpResponse<String> big = send(ana.post("/api/edges/1/review", "{\"note\":\"" + "x".repeat(5000) + "\"}"));
    assertEquals(413, big.statusCode());
    HttpResponse<String> form = send(ana.get("/api/edges/1/review").header("Content-Type", "text/plain")
        .header("X-CSRF-Token", ana.csrf()).POST(HttpRequest.BodyPublishers.ofString("decision=accept")));
    assertEquals(415, form.statusCode());

    for (HttpResponse<String> r : List.of(missing, big, send(ana.get("/")), send(ana.get("/assets/style.css")))) {
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"), csp);
      assertFalse(csp.contains("unsafe-inline"), csp);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    }
  }

  @Test
  void anEdgeComesWithItsEvidenceSpansAndWhy() throws Exception {
    Session ana = signIn("ana");
    JsonNode graph = JSON.readTree(send(ana.get("/api/graph?q=drought")).body());
    long id = graph.get("edges").get(0).get("id").asLong();
    assertEquals(2, graph.get("nodes").size());
    JsonNode detail = JSON.readTree(send(ana.get("/api/edges/" + id)).body());
    JsonNode evidence = detail.get("evidence").get(0);
    String text = evidence.get("text").asText();
    assertEquals("Drought", text.substring(evidence.get("cause_begin").asInt(), evidence.get("cause_end").asInt()));
    assertEquals("famine", text.substring(evidence.get("effect_begin").asInt(), evidence.get("effect_end").asInt()));
    assertEquals("cue@1", detail.get("why").get("by_judge").get(0).get("judge").asText());
    assertEquals(1, detail.get("why").get("by_judge").get(0).get("sentences").asInt());
    JsonNode status = JSON.readTree(send(ana.get("/api/status")).body());
    assertEquals(3, status.get("pipeline").get("dead_letters").asInt());
    assertTrue(status.get("store").get("documents").asLong() >= 1);
  }

  @Test
  void spansStayOnTheirWordsAfterCharactersOutsideTheBasicPlane() throws Exception {
    write("Storm log \uD83C\uDF27 day one.", "Hail brought roof damage.", "Hail", "roof damage");
    Session ana = signIn("ana");
    long id = JSON.readTree(send(ana.get("/api/graph?q=roof")).body()).get("edges").get(0).get("id").asLong();
    JsonNode evidence = JSON.readTree(send(ana.get("/api/edges/" + id)).body()).get("evidence").get(0);
    String text = evidence.get("text").asText();
    assertEquals("Hail brought roof damage.", text);
    assertEquals("roof damage", text.substring(evidence.get("effect_begin").asInt(), evidence.get("effect_end").asInt()));
  }

  @Test
  void disablingAnAccountOrChangingItsPasswordEndsItsSessions() throws Exception {
    accounts.add("cleo", Role.ANALYST, PASSWORD.toCharArray());
    Session cleo = signIn("cleo");
    assertEquals(200, send(cleo.get("/api/graph")).statusCode());
    accounts.setPassword("cleo", "another-password".toCharArray());
    assertEquals(401, send(cleo.get("/api/graph")).statusCode(), "the old password's session is void");
    accounts.setPassword("cleo", PASSWORD.toCharArray());
    Session again = signIn("cleo");
    accounts.setDisabled("cleo", true);
    assertEquals(401, send(again.get("/api/graph")).statusCode(), "a disabled account's session is void");
  }

  @Test
  void repeatedWrongPasswordsLockTheNameForAWhile() throws Exception {
    accounts.add("dina", Role.ANALYST, PASSWORD.toCharArray());
    HttpRequest.Builder wrong = HttpRequest.newBuilder(URI.create(url("/api/session")))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"dina\",\"password\":\"not-the-one\"}"));
    for (int i = 0; i < 5; i++) {
      assertEquals(401, send(wrong).statusCode());
    }
    HttpResponse<String> right = send(HttpRequest.newBuilder(URI.create(url("/api/session")))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"dina\",\"password\":\"" + PASSWORD + "\"}")));
    assertEquals(429, right.statusCode(), "locked even with the right password");
    signIn("ana"); // other names still sign in (signIn asserts the 200)
  }

  @Test
  void aLoopbackServerRefusesChangesAddressedToAnotherHostName() throws Exception {
    // DNS rebinding: a page on another name that resolves to 127.0.0.1. The JDK client will not
    // set Host, so the request is written by hand.
    String body = "{\"name\":\"ana\",\"password\":\"" + PASSWORD + "\"}";
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write(("POST /api/session HTTP/1.1\r\nHost: rebound.example:" + server.port()
          + "\r\nOrigin: http://rebound.example:" + server.port() + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
          .getBytes(StandardCharsets.UTF_8));
      String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
      assertEquals("HTTP/1.1 403 Forbidden", status);
    }
  }

  @Test
  void theLiveStreamSendsEdgesWrittenAfterItOpened() throws Exception {
    Session ana = signIn("ana");
    HttpResponse<InputStream> stream = HTTP.send(ana.get("/api/events").build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        String line;
        boolean edges = false;
        while ((line = in.readLine()) != null) {
          if (line.equals("event: edges")) {
            edges = true;
          } else if (edges && line.startsWith("data: ") && line.contains("locust swarm")) {
            return line.substring("data: ".length());
          }
        }
        return null;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    write("Rain brought locust swarm outbreaks.", "Rain", "locust swarm");
    JsonNode data = JSON.readTree(event.get(30, TimeUnit.SECONDS));
    assertEquals("locust swarm", data.get("edges").get(0).get("effect").asText());
    assertTrue(data.get("counts").get("edges").asLong() >= 2);
  }

  @Test
  void everyListPagesWithACursorAndRefusesAnOversizedPage() throws Exception {
    for (String[] pair : new String[][] {{"Alpha", "beta"}, {"Gamma", "delta"}, {"Epsilon", "zeta"},
        {"Theta", "iota"}, {"Kappa", "lambda"}}) {
      write(pair[0] + " drives " + pair[1] + " here.", pair[0], pair[1]);
    }
    Session ana = signIn("ana");
    List<Long> whole = new java.util.ArrayList<>();
    JSON.readTree(send(ana.get("/api/edges?limit=5000")).body()).get("edges").forEach(e -> whole.add(e.get("id").asLong()));
    assertTrue(whole.size() >= 6, whole.toString());
    // Pages of two, each from the previous page's cursor, give the same edges in the same order, once each.
    List<Long> paged = new java.util.ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      JsonNode page = JSON.readTree(send(ana.get("/api/edges?limit=2" + (after == null ? "" : "&after=" + after)))
          .body());
      page.get("edges").forEach(e -> paged.add(e.get("id").asLong()));
      after = page.get("next").isNull() ? null : page.get("next").asText();
      pages++;
    } while (after != null && pages < 100);
    assertEquals(whole, paged);
    assertEquals((whole.size() + 1) / 2, pages);

    HttpResponse<String> huge = send(ana.get("/api/edges?limit=100000000"));
    assertEquals(400, huge.statusCode());
    assertTrue(huge.body().contains("at most 5000"), huge.body());
    String queueCursor = JSON.readTree(send(ana.get("/api/queue?limit=1")).body()).get("next").asText();
    HttpResponse<String> foreign = send(ana.get("/api/edges?after=" + queueCursor));
    assertEquals(400, foreign.statusCode(), "a cursor of another list is refused");
    assertTrue(foreign.body().contains("not a cursor of"), foreign.body());

    Set<String> variables = new TreeSet<>();
    after = null;
    do {
      JsonNode page = JSON.readTree(send(ana.get("/api/variables?q=a&limit=3" + (after == null ? "" : "&after=" + after)))
          .body());
      page.get("variables").forEach(v -> assertTrue(variables.add(v.get("name").asText()), "once: " + v));
      after = page.get("next").isNull() ? null : page.get("next").asText();
    } while (after != null);
    Set<String> all = new TreeSet<>();
    JSON.readTree(send(ana.get("/api/variables?q=a&limit=500")).body()).get("variables")
        .forEach(v -> all.add(v.get("name").asText()));
    assertEquals(all, variables);

    // An edge's evidence comes a page at a time too; the why counts all of it.
    write("Alpha drives beta again.", "Alpha", "beta");
    write("Once more Alpha drives beta.", "Alpha", "beta");
    long alpha = JSON.readTree(send(ana.get("/api/edges?q=alpha")).body()).get("edges").get(0).get("id").asLong();
    Set<String> evidence = new TreeSet<>();
    after = null;
    JsonNode first = null;
    do {
      JsonNode page = JSON.readTree(send(ana.get("/api/edges/" + alpha + "?evidence_limit=1"
          + (after == null ? "" : "&evidence_after=" + after))).body());
      first = first == null ? page : first;
      assertTrue(page.get("evidence").size() <= 1);
      page.get("evidence").forEach(v -> assertTrue(evidence.add(v.get("id").asText()), "once: " + v));
      after = page.get("evidence_next").isNull() ? null : page.get("evidence_next").asText();
    } while (after != null);
    assertEquals(3, evidence.size());
    assertEquals(3, first.get("why").get("by_judge").get(0).get("sentences").asInt());
    assertEquals(3, first.get("why").get("documents").asInt());

    JsonNode accounts = JSON.readTree(send(signIn("root").get("/api/accounts?limit=1")).body());
    assertEquals(1, accounts.get("accounts").size());
    JsonNode rest = JSON.readTree(send(signIn("root").get("/api/accounts?limit=500&after="
        + accounts.get("next").asText())).body());
    assertTrue(rest.get("accounts").size() >= 1);
    assertTrue(rest.get("accounts").findValuesAsText("name").stream()
        .noneMatch(n -> n.equals(accounts.get("accounts").get(0).get("name").asText())));
  }

  @Test
  void theOpenApiDocumentDescribesEveryRoute() throws Exception {
    JsonNode doc = JSON.readTree(send(signIn("ana").get("/api/openapi.json")).body());
    Set<String> documented = new TreeSet<>();
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
        .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
    Set<String> served = new TreeSet<>();
    for (Router.Route r : server.router().routes()) {
      served.add(r.method() + " " + r.template());
    }
    assertEquals(served, documented);
  }
}
