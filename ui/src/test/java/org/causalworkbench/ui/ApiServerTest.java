package org.causalworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.ProcessedDocument;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.graph.embedded.EmbeddedPostgres;
import org.causalworkbench.graph.query.GraphQueries;
import org.causalworkbench.graph.score.BeliefModel;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.score.JudgePrior;
import org.causalworkbench.graph.store.Database;
import org.causalworkbench.graph.store.PostgresGraphWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiServerTest {

  @TempDir static Path dir;
  static EmbeddedPostgres postgres;
  static Database database;
  static ApiServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgres.start(dir.resolve("pg"));
    database = Database.open(postgres.jdbcUrl(), postgres.user(), "", 2);
    String text = "Drought caused famine.";
    Document d = new Document(ContentIds.documentId(text), "t.txt", "", text, Map.of());
    new PostgresGraphWriter(database.dataSource(),
        new EdgeScorer(new BeliefModel(Map.of(), new JudgePrior(0.05, 0.2)), 0.5))
        .writeDocuments(List.of(new ProcessedDocument(d, List.of(new Sentence(d.id(), 0, 0, text.length(), text,
            List.of(), List.of())), 1, 1, 1)));
    Span cause = new Span(0, 7, "Drought");
    Span effect = new Span(15, 21, "famine");
    new PostgresGraphWriter(database.dataSource(),
        new EdgeScorer(new BeliefModel(Map.of(), new JudgePrior(0.05, 0.2)), 0.5))
        .writeVerdicts(List.of(new Verdict(ContentIds.evidenceId(d.id(), cause, effect, "cue", "1"), "p", d.id(),
            d.id() + "/s0", List.of(0), CausalLabel.CAUSE_TO_EFFECT, 0.9, "cue", "1", cause, effect, "drought",
            "famine", "cue 'caused'", Set.of())));
    server = ApiServer.start("127.0.0.1", 0, new GraphQueries(database.dataSource()));
  }

  @AfterAll
  static void stop() {
    server.close();
    database.close();
    postgres.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void listsEdgesAndOneEdgeWithItsEvidence() throws Exception {
    HttpResponse<String> list = get("/api/edges?min_belief=0.5");
    assertEquals(200, list.statusCode());
    JsonNode edges = JSON.readTree(list.body());
    assertEquals(1, edges.size());
    assertEquals("drought", edges.get(0).get("cause").asText());
    assertEquals("famine", edges.get(0).get("effect").asText());
    long id = edges.get(0).get("id").asLong();

    JsonNode detail = JSON.readTree(get("/api/edges/" + id).body());
    assertEquals("Drought caused famine.", detail.get("evidence").get(0).get("text").asText());
    assertEquals("cue@1", detail.get("evidence").get(0).get("judge").asText());

    assertEquals(0, JSON.readTree(get("/api/edges?min_belief=0.99").body()).size());
  }

  @Test
  void summaryCountsTheStore() throws Exception {
    JsonNode summary = JSON.readTree(get("/api/summary").body());
    assertEquals(1, summary.get("documents").asLong());
    assertEquals(1, summary.get("edges").asLong());
  }

  @Test
  void badRequestsGetClearJsonErrors() throws Exception {
    HttpResponse<String> missing = get("/api/edges/999999");
    assertEquals(404, missing.statusCode());
    assertTrue(missing.body().contains("no edge 999999"));
    HttpResponse<String> bad = get("/api/edges?min_belief=high");
    assertEquals(400, bad.statusCode());
    assertEquals("nosniff", bad.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals(404, get("/api/nothing").statusCode());
  }
}
