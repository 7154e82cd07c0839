package org.causalworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.causalworkbench.pipeline.local.LocalJob;
import org.causalworkbench.app.pipeline.PipelineRunner;
import org.causalworkbench.app.pipeline.SharedServices;
import org.causalworkbench.app.runtime.DeadLetterStatus;
import org.causalworkbench.app.runtime.DocumentForgetter;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.graph.runs.RunRecord;
import org.causalworkbench.graph.runs.RunStore;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.ingest.kafka.TopicDrain;
import org.causalworkbench.graph.export.GraphSnapshot;
import org.causalworkbench.graph.query.EdgeFilter;
import org.causalworkbench.graph.query.EdgeView;
import org.causalworkbench.graph.query.GraphQueries;
import org.causalworkbench.graph.score.EdgeScorers;
import org.causalworkbench.ui.ServerSettings;
import org.causalworkbench.ui.WebServer;
import org.causalworkbench.ui.auth.Accounts;
import org.causalworkbench.ui.auth.PasswordHasher;
import org.causalworkbench.ui.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The analyst's day in a real browser (Debian's headless chromium): sign in, watch edges arrive
 * while the job runs, work the queue with the keyboard, see hostile markup shown as text, fix a
 * variable, export, read the log and the run status, sign out. Screenshots go to
 * target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalystUiBrowserTest {

  private static final String PASSWORD = "correct horse 42";
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path dir;

  /** A failed test leaves a screenshot of what the page showed, named after it. */
  @org.junit.jupiter.api.extension.RegisterExtension
  final org.junit.jupiter.api.extension.TestWatcher failures = new org.junit.jupiter.api.extension.TestWatcher() {
    @Override
    public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
      try {
        screenshot("failed-" + context.getRequiredTestMethod().getName());
      } catch (Exception e) {
        cause.addSuppressed(e);
      }
    }
  };
  private WorkbenchConfig config;
  private PipelineRunner runner;
  private WorkbenchServices ownServices;
  private GraphQueries queries;
  private WebServer server;
  private ChromeDriver browser;
  private WebDriverWait wait;
  private String base;

  @BeforeAll
  void start() throws Exception {
    WorkbenchServices services = SharedServices.embedded();
    // A database of its own: the edges this test reviews must not change other tests' graphs.
    config = SharedServices.isolated(services, "ui", "data.dir", dir.resolve("data").toString(),
        "jdbc.url", SharedServices.isolatedDatabase(services, "ui"), "server.live-poll-ms", "300");
    // The shared broker and that database, as external services: the job, its run record and the UI share the store.
    ownServices = WorkbenchServices.start(config, true, true);
    runner = new PipelineRunner(ownServices, config);
    queries = new GraphQueries(ownServices.database().dataSource());
    Accounts accounts = new Accounts(ownServices.database().dataSource(), new PasswordHasher(4));
    accounts.add("ana", Role.ANALYST, PASSWORD.toCharArray());
    accounts.add("root", Role.ADMIN, PASSWORD.toCharArray());
    server = WebServer.start(ServerSettings.from(config).withPort(0), ownServices.database().dataSource(),
        EdgeScorers.fromConfig(config), accounts, new DeadLetterStatus(services.kafka(), config),
        new DocumentForgetter(ownServices, config));
    base = "http://127.0.0.1:" + server.port();
    Files.createDirectories(SCREENSHOTS);
    browser = HeadlessChromium.start(dir.resolve("profile"), dir.resolve("downloads"));
    wait = new WebDriverWait(browser, Duration.ofSeconds(90));
    // Views draw their elements again when data arrives: look them up afresh rather than fail.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (ownServices != null) {
      ownServices.close();
    }
  }

  @Test
  @Order(10)
  void withoutASessionThePageSendsToSignInAndTheApiRefuses() throws Exception {
    browser.get(base + "/");
    wait.until(ExpectedConditions.urlToBe(base + "/login"));
    HttpResponse<String> api = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base + "/api/graph")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, api.statusCode());
    assertTrue(api.body().contains("sign in"), api.body());

    browser.findElement(By.id("login-name")).sendKeys("ana");
    browser.findElement(By.id("login-password")).sendKeys("wrong password");
    browser.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
    assertEquals("wrong name or password", browser.findElement(By.id("login-error")).getText());
    screenshot("01-sign-in");
  }

  @Test
  @Order(20)
  void signedInTheAnalystSeesEdgesArriveWhileTheJobRuns() throws Exception {
    WebElement password = browser.findElement(By.id("login-password"));
    password.clear();
    password.sendKeys(PASSWORD);
    browser.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    assertEquals("0", browser.findElement(By.id("view-graph")).getAttribute("data-edges"), "the store starts empty");
    assertFalse(browser.findElement(By.id("nav-accounts")).isDisplayed(), "accounts are for admins");
    js("window.__sameDocument = 'yes';");

    CompletableFuture<LocalJob.Result> job = CompletableFuture.supplyAsync(() -> {
      try {
        runner.ingest(List.of(Path.of("..", "corpus", "sample"), Path.of("src", "test", "resources", "ui-markup")));
        return runner.runBounded();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    wait.until(d -> Integer.parseInt(d.findElement(By.id("view-graph")).getAttribute("data-edges")) > 0);
    WebElement counter = browser.findElement(By.id("live-counter"));
    wait.until(ExpectedConditions.visibilityOf(counter));
    assertTrue(counter.getText().matches("\\d+ new"), counter.getText());
    assertEquals("yes", js("return window.__sameDocument;"), "edges arrived without a reload");
    finishedRun = job.get(5, TimeUnit.MINUTES).runId();
    long edges = queries.counts().edges();
    wait.until(d -> Integer.parseInt(d.findElement(By.id("view-graph")).getAttribute("data-edges")) == edges);
    assertEquals(edges + " new", counter.getText(), "every edge of the run was counted as new");
    screenshot("02-graph-live");
  }

  /** The run of the second test, which the status page lists. */
  private static String finishedRun;

  @Test
  @Order(30)
  void theQueueIsWorkedWithTheKeyboard() throws Exception {
    browser.findElement(By.id("nav-queue")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queue-list li.current")));
    screenshot("03-queue");

    long accepted = currentQueueEdge();
    wait.until(d -> String.valueOf(accepted).equals(d.findElement(By.id("queue-edge")).getAttribute("data-edge-id")));
    String waitingBefore = textWhenSettled(By.id("queue-count"));
    press("a");
    long second = nextQueueEdge(accepted);
    EdgeView acceptedEdge = queries.edge(accepted).orElseThrow();
    assertEquals("accepted", acceptedEdge.reviewState());
    assertEquals(1.0, acceptedEdge.belief(), 1e-9);
    wait.until(d -> d.findElements(By.cssSelector("#queue-list li[data-edge-id='" + accepted + "']")).isEmpty());
    wait.until(d -> !d.findElement(By.id("queue-count")).getText().equals(waitingBefore));

    press("r");
    long third = nextQueueEdge(second);
    assertEquals("rejected", queries.edge(second).orElseThrow().reviewState());
    assertEquals(0.0, queries.edge(second).orElseThrow().belief(), 1e-9);

    press("v");
    long fourth = nextQueueEdge(third);
    assertEquals("reversed", queries.edge(third).orElseThrow().reviewState());

    // One sentence of the next edge is wrong, the edge itself stays in the queue.
    String evidenceId = attributeWhenSettled(By.cssSelector("#queue-edge li.evidence.selected"), "data-evidence-id");
    new Actions(browser).keyDown(Keys.SHIFT).sendKeys("r").keyUp(Keys.SHIFT).perform();
    wait.until(d -> "rejected".equals(evidenceReview(evidenceId)));
    assertEquals(fourth, currentQueueEdge(), "a sentence decision keeps the edge on screen");
    assertEquals(List.of("ana", "ana", "ana", "ana"), reviewers(), "reviews record who made them");
  }

  @Test
  @Order(35)
  void theQueueSaysWhyEachEdgeIsWhereItIsAndTakesABatchRejectWithItsReason() throws Exception {
    // The flagged count is the store's own (an independent count of needs_review edges).
    long flagged = Long.parseLong(single("SELECT count(*)::text FROM edges WHERE review_state = ?", "needs_review"));
    wait.until(d -> textWhenSettled(By.id("queue-count")).startsWith("(" + flagged + " flagged"));
    // While the beliefs recalibrate after the reviews above, the list keeps its order (the item under
    // the cursor stays put); once the pass ends it runs by priority.
    List<Double> priorities = wait.until(d -> {
      List<Double> shown = d.findElements(By.cssSelector("#queue-list > li")).stream()
          .map(li -> Double.valueOf(li.getAttribute("data-priority"))).toList();
      for (int i = 1; i < shown.size(); i++) {
        if (shown.get(i) > shown.get(i - 1) + 1e-9) {
          return null;
        }
      }
      return shown.size() >= 3 ? shown : null;
    });
    assertTrue(browser.findElement(By.id("queue-recalibrating")).getAttribute("hidden") != null,
        "in order once the recalibration has ended: " + priorities);
    String reasons = textWhenSettled(By.cssSelector("#queue-list > li .q-reasons"));
    assertFalse(reasons.isBlank(), "the first item says why it is first");

    // Two items below the one on screen: both their variables are wrong, say.
    List<Long> picked = wait.until(d -> {
      List<WebElement> rows = d.findElements(By.cssSelector("#queue-list > li:not(.current)"));
      return rows.size() < 2 ? null : List.of(Long.valueOf(rows.get(0).getAttribute("data-edge-id")),
          Long.valueOf(rows.get(1).getAttribute("data-edge-id")));
    });
    Map<String, Integer> spanErrorsBefore = judgeCounts("span_incorrect");
    Map<String, Integer> incorrectBefore = judgeCounts("incorrect");
    Map<String, Integer> expectedDelta = new java.util.TreeMap<>();
    for (long edge : picked) {
      // The judges' unreviewed sentences on the edge are what a wrong-variable reject counts against their spans.
      for (String judge : column("SELECT judge_id FROM evidence WHERE edge_id = " + edge + " AND review IS NULL")) {
        expectedDelta.merge(judge, 1, Integer::sum);
      }
      clickWhenSettled(By.cssSelector("#queue-list li[data-edge-id='" + edge + "'] input.q-pick"));
    }
    wait.until(d -> textWhenSettled(By.id("batch-count")).startsWith("2 edges"));
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("batch-reason"))).selectByValue("wrong_variable");
    clickWhenSettled(By.id("batch-reject"));
    wait.until(d -> picked.stream().allMatch(id -> "rejected wrong_variable".equals(
        single("SELECT review_state || ' ' || reject_reason FROM edges WHERE id = ?", id))));
    for (long edge : picked) {
      wait.until(d -> d.findElements(By.cssSelector("#queue-list li[data-edge-id='" + edge + "']")).isEmpty());
    }
    screenshot("035-batch-reject");

    Map<String, Integer> spanErrors = judgeCounts("span_incorrect");
    for (Map.Entry<String, Integer> judge : expectedDelta.entrySet()) {
      assertEquals(spanErrorsBefore.getOrDefault(judge.getKey(), 0) + judge.getValue(),
          spanErrors.getOrDefault(judge.getKey(), 0), judge.getKey() + ": a wrong variable is the span's error");
    }
    assertEquals(incorrectBefore, judgeCounts("incorrect"), "and not the claim's");
    browser.findElement(By.id("nav-status")).click();
    for (Map.Entry<String, Integer> judge : spanErrors.entrySet()) {
      wait.until(d -> String.valueOf(judge.getValue()).equals(textWhenSettled(
          By.cssSelector("#judge-reviews tr[data-judge='" + judge.getKey() + "'] .span-errors"))));
    }
    browser.findElement(By.id("nav-queue")).click();
  }

  @Test
  @Order(40)
  void corpusMarkupIsShownAsTextNeverRun() throws Exception {
    long edge = markupEdge();
    browser.get(base + "/#graph?edge=" + edge);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#side-panel li.evidence blockquote")));
    String shown = wait.until(d -> String.join("\n", d.findElements(By.cssSelector("#side-panel li.evidence blockquote"))
        .stream().map(WebElement::getText).toList()));
    assertTrue(shown.contains("onerror=") || shown.contains("javascript:"), "the markup is visible as text: " + shown);
    WebElement panel = browser.findElement(By.id("side-panel"));
    assertTrue(panel.findElements(By.cssSelector("blockquote img, blockquote script, blockquote a")).isEmpty(),
        "no element was made from corpus text");
    assertTrue(browser.findElements(By.cssSelector("a[href^='javascript:']")).isEmpty(), "no javascript: link exists");
    for (WebElement toggle : panel.findElements(By.cssSelector(".reasoning-toggle"))) {
      toggle.click();
    }
    assertNull(js("return window.__xss === undefined ? null : String(window.__xss);"), "no corpus script ran");
    screenshot("04-edge-evidence");
  }

  @Test
  @Order(45)
  void evidenceNamesItsDocumentLinksItAndShowsItsNeighbours() throws Exception {
    String edge = single("SELECT v.edge_id::text FROM evidence v JOIN documents d ON d.id = v.document_id"
        + " WHERE v.edge_id IS NOT NULL AND d.metadata ->> 'pmid' = ? ORDER BY v.edge_id LIMIT 1", "90000041");
    assertNotNull(edge, "the fen survey (provenance.jsonl) gave an edge");
    browser.get(base + "/#graph?edge=" + edge);
    By evidence = By.cssSelector("#side-panel li.evidence");
    wait.until(ExpectedConditions.presenceOfElementLocated(evidence));
    // The title and the link from the PMID (server.document-links' default template), not the file path.
    WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#side-panel li.evidence a.doc")));
    assertEquals("Fen drainage and peat loss", link.getText());
    assertEquals("https://pubmed.ncbi.nlm.nih.gov/90000041/", link.getAttribute("href"));
    assertEquals("noopener noreferrer", link.getAttribute("rel"));
    assertTrue(textWhenSettled(By.cssSelector("#side-panel li.evidence .evidence-meta")).contains("DOI 10.5555/fens.41"));

    // Its neighbours on demand: the sentences before and after, as the store holds them.
    int first = Integer.parseInt(single("SELECT v.sentence_indexes[1]::text FROM evidence v WHERE v.edge_id = ?"
        + " ORDER BY v.probability DESC, v.id LIMIT 1", Long.parseLong(edge)));
    String documentId = single("SELECT document_id FROM evidence WHERE edge_id = ? ORDER BY probability DESC, id LIMIT 1",
        Long.parseLong(edge));
    clickWhenSettled(By.cssSelector("#side-panel li.evidence .context-toggle"));
    String previous = first == 0 ? "(the document starts here)" : single("SELECT text FROM sentences WHERE document_id = ?"
        + " AND idx = " + (first - 1), documentId);
    wait.until(d -> previous.equals(textWhenSettled(By.cssSelector("#side-panel li.evidence .context.before"))));
    screenshot("045-provenance");
  }

  @Test
  @Order(47)
  void aCorrectedEffectSpanMovesTheEvidenceToItsEdge() throws Exception {
    String edge = single("SELECT v.edge_id::text FROM evidence v JOIN documents d ON d.id = v.document_id"
        + " WHERE v.edge_id IS NOT NULL AND d.metadata ->> 'pmid' = ? ORDER BY v.edge_id LIMIT 1", "90000041");
    browser.get(base + "/#graph?edge=" + edge);
    String evidence = attributeWhenSettled(By.cssSelector("#side-panel li.evidence"), "data-evidence-id");
    String unit = textWhenSettled(By.cssSelector("#side-panel li.evidence blockquote"));
    assertTrue(unit.contains("peat subsidence"), unit);
    clickWhenSettled(By.cssSelector("#side-panel li.evidence .correct-spans"));
    WebElement effect = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#side-panel li.evidence input.fix-effect")));
    effect.clear();
    effect.sendKeys("peat subsidence");
    browser.findElement(By.cssSelector("#side-panel li.evidence input.fix-effect-variable")).sendKeys("Peat subsidence");
    screenshot("047-span-form");
    clickWhenSettled(By.cssSelector("#side-panel li.evidence .save-spans"));
    // The extractor may have named the effect so already: the correction shows in its own layer.
    wait.until(d -> "peat subsidence".equals(single("SELECT new_effect_text FROM span_corrections WHERE evidence_id = ?",
        evidence)));
    assertEquals("peat subsidence", single("SELECT effect_text FROM evidence WHERE id = ?", evidence));
    String moved = single("SELECT a.name || ' > ' || b.name FROM evidence v JOIN edges e ON e.id = v.edge_id"
        + " JOIN variables a ON a.id = e.cause_id JOIN variables b ON b.id = e.effect_id WHERE v.id = ?", evidence);
    assertTrue(moved.endsWith(" > peat subsidence"), "the evidence supports the corrected edge: " + moved);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#side-panel .edge-title"),
        "peat subsidence"));
  }

  @Test
  @Order(50)
  void twoVariablesAreMergedFromTheVariablesPanel() throws Exception {
    List<EdgeView> edges = queries.edges(EdgeFilter.all(1_000));
    EdgeView first = edges.get(0);
    EdgeView other = edges.stream().filter(e -> e.causeId() != first.causeId() && e.effectId() != first.causeId()
        && e.causeId() != first.effectId()).findFirst().orElseThrow();
    browser.findElement(By.id("nav-variables")).click();
    WebElement search = wait.until(ExpectedConditions.elementToBeClickable(By.id("variable-search")));
    search.sendKeys(first.cause());
    // Each keystroke searches again and redraws the results, and a click on a row being replaced
    // can be lost: click the row until its panel opens.
    By result = By.cssSelector(".variable-result[data-variable-id='" + first.causeId() + "']");
    WebElement merge = wait.until(d -> {
      List<WebElement> open = d.findElements(By.id("merge-search"));
      if (!open.isEmpty() && open.get(0).isDisplayed()) {
        return open.get(0);
      }
      d.findElements(result).stream().findFirst().ifPresent(WebElement::click);
      return null;
    });
    screenshot("05-variable");
    merge.sendKeys(other.cause());
    clickWhenSettled(By.cssSelector(".merge-target[data-variable-id='" + other.causeId() + "']"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Merged"));
    assertEquals(other.causeId(), mergedInto(first.causeId()), "the variable went into the one picked");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#variable-panel .variable-name"),
        other.cause()));
  }

  @Test
  @Order(60)
  void anAnalystSetsAPolarityAndTheExportCarriesEveryEdgesPolarity() throws Exception {
    // An edge whose sentences say it raises its effect; the analyst reads it the other way.
    long edge = Long.parseLong(single("SELECT edge_id::text FROM evidence WHERE edge_id IS NOT NULL AND polarity = ?"
        + " ORDER BY edge_id LIMIT 1", "increases"));
    browser.get(base + "/#graph?edge=" + edge);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#side-panel #edge-polarity")));
    wait.until(d -> {
      new org.openqa.selenium.support.ui.Select(d.findElement(By.cssSelector("#side-panel #edge-polarity")))
          .selectByValue("decreases");
      return true;
    });
    wait.until(d -> "decreases".equals(single("SELECT polarity_set FROM edges WHERE id = ?", edge)));
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#side-panel #edge-polarity-shown [data-polarity='decreases']")));
    screenshot("055-polarity");

    browser.findElement(By.id("nav-graph")).click();
    // The links are drawn again once the graph has loaded; click the one that stays.
    wait.until(d -> {
      d.findElement(By.id("export-graphml")).click();
      return true;
    });
    Path file = dir.resolve("downloads").resolve("causal-graph.graphml");
    wait.until(d -> Files.exists(file));
    org.w3c.dom.Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    assertEquals("graphml", xml.getDocumentElement().getNodeName());
    assertEquals(GraphSnapshot.load(ownServices.database().dataSource(), 0, null).edges().size(),
        xml.getElementsByTagName("edge").getLength(), "the download holds every edge of the store");
    // Each edge's polarity, counted here from its sentences: what an analyst set, else the majority.
    Map<String, String> expected = new java.util.HashMap<>();
    for (String row : column("SELECT e.id || ' ' || coalesce(e.polarity_set, CASE"
        + " WHEN sum((v.polarity = 'increases')::int) > sum((v.polarity = 'decreases')::int) THEN 'increases'"
        + " WHEN sum((v.polarity = 'increases')::int) < sum((v.polarity = 'decreases')::int) THEN 'decreases'"
        + " ELSE 'unknown' END) FROM edges e LEFT JOIN evidence v ON v.edge_id = e.id"
        + " AND v.review IS DISTINCT FROM 'rejected' GROUP BY e.id")) {
      expected.put("e" + row.split(" ")[0], row.split(" ")[1]);
    }
    Map<String, String> exported = new java.util.HashMap<>();
    org.w3c.dom.NodeList edges = xml.getElementsByTagName("edge");
    for (int i = 0; i < edges.getLength(); i++) {
      org.w3c.dom.Element e = (org.w3c.dom.Element) edges.item(i);
      org.w3c.dom.NodeList data = e.getElementsByTagName("data");
      for (int j = 0; j < data.getLength(); j++) {
        org.w3c.dom.Element d = (org.w3c.dom.Element) data.item(j);
        if (d.getAttribute("key").equals("polarity")) {
          exported.put(e.getAttribute("id"), d.getTextContent());
        }
      }
    }
    assertEquals(expected, exported, "every edge's polarity is in the GraphML");
    assertEquals("decreases", exported.get("e" + edge), "the analyst's polarity wins");
    assertTrue(exported.containsValue("increases"), "the sample states raises as well as lowers: " + exported.values());
  }

  @Test
  @Order(70)
  void theLogAndTheRunStatusShowWhatHappened() throws Exception {
    browser.findElement(By.id("nav-log")).click();
    wait.until(d -> d.findElements(By.cssSelector("#log-rows tr")).size() >= 5);
    String log = textWhenSettled(By.id("log-rows"));
    for (String action : List.of("accept", "reject", "reverse", "merge")) {
      assertTrue(log.contains(action), action + " is in the log: " + log);
    }
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("log-action"))).selectByValue("merge");
    browser.findElement(By.id("log-apply")).click();
    wait.until(d -> d.findElements(By.cssSelector("#log-rows tr")).size() == 1);
    screenshot("06-review-log");

    browser.findElement(By.id("nav-status")).click();
    String documents = textWhenSettled(By.cssSelector("#st-documents .card-value"));
    assertEquals(String.format("%,d", queries.counts().documents()).replace(",", ""),
        documents.replaceAll("[^0-9]", ""));
    assertTrue(textWhenSettled(By.id("judge-table")).contains("cue"));
    String finished = textWhenSettled(By.cssSelector("#run-table tr[data-run='" + finishedRun + "']"));
    long ingested = queries.counts().documents();
    assertTrue(finished.contains("finished") && finished.contains(ingested + " / " + ingested), finished);

    // A run in progress (another process's, as the store has it): its progress shows and keeps up.
    RunStore runs = new RunStore(ownServices.database().dataSource());
    RunRecord live = runs.start("job", "test", Map.of(), true);
    runs.progress(live.id(), new RunRecord.Progress(3, 2, 10, 30, "job: 2/10 documents (20%), 4.0 sentences/s,"
        + " about 0:04 left", java.time.Instant.now()));
    browser.findElement(By.id("nav-graph")).click();
    browser.findElement(By.id("nav-status")).click();
    wait.until(d -> d.findElement(By.id("run-progress")).getText().contains("2/10 documents"));
    screenshot("07-run-status");
    runs.progress(live.id(), new RunRecord.Progress(7, 6, 10, 90, "job: 6/10 documents (60%), 4.5 sentences/s,"
        + " about 0:02 left", java.time.Instant.now()));
    wait.until(d -> d.findElement(By.id("run-progress")).getText().contains("6/10 documents"));
    runs.finish(live.id(), RunRecord.STOPPED, null);
  }

  @Test
  @Order(80)
  void signingOutEndsTheSession() throws Exception {
    List<String> problems = HeadlessChromium.consoleErrors(browser).stream()
        .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught")).toList();
    assertEquals(List.of(), problems, "the page ran without CSP violations or script errors");
    browser.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/login"));
    browser.get(base + "/");
    wait.until(ExpectedConditions.urlToBe(base + "/login"));
    Object status = ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[0]; fetch('/api/graph').then(r => done(r.status));");
    assertEquals(401L, status);
  }

  @Test
  @Order(90)
  void anAdminAddsAnAnalyst() throws Exception {
    browser.findElement(By.id("login-name")).sendKeys("root");
    browser.findElement(By.id("login-password")).sendKeys(PASSWORD);
    browser.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    browser.findElement(By.id("nav-accounts")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account-rows"), "ana"));
    browser.findElement(By.id("account-name")).sendKeys("bea");
    browser.findElement(By.id("account-password")).sendKeys("bea-password-1");
    browser.findElement(By.id("account-add")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account-rows"), "bea"));
    screenshot("08-accounts");
    assertTrue(new Accounts(ownServices.database().dataSource(), new PasswordHasher(4))
        .verify("bea", "bea-password-1".toCharArray()).isPresent(), "the new analyst can sign in");
  }

  @Test
  @Order(100)
  void anAdminForgetsADocumentFromItsEvidence() throws Exception {
    // An edge only one document supports: forgetting that document takes the edge with it.
    String row = single("SELECT e.id || ' ' || min(v.document_id) FROM edges e JOIN evidence v ON v.edge_id = e.id"
        + " GROUP BY e.id HAVING count(DISTINCT v.document_id) = 1 AND min(v.document_id) <> ? ORDER BY e.id LIMIT 1", "");
    assertNotNull(row, "no edge of a single document");
    long edge = Long.parseLong(row.split(" ")[0]);
    String document = row.split(" ")[1];
    browser.get(base + "/#graph?edge=" + edge);
    WebElement forget = wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("#view-graph .evidence button[data-action='forget']")));
    browser.findElement(By.id("review-note")).sendKeys("request 2026-31");
    forget.click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(d -> single("SELECT id FROM documents WHERE id = ?", document) == null);
    assertNull(single("SELECT id::text FROM edges WHERE id = ?", edge), "the edge only it supported is gone");
    assertEquals("root request 2026-31", single("SELECT reviewer || ' ' || note FROM review_log WHERE action = ?"
        + " ORDER BY id DESC LIMIT 1", "forget"), "the log says who asked and why");
    Set<String> onTopic = TopicDrain.keys(ownServices.kafka(), config.get(WorkbenchOptions.TOPIC_DOCUMENTS));
    assertFalse(onTopic.contains(document), "the document's record is tombstoned on the topic");
    screenshot("09-forget");
  }

  @Test
  @Order(110)
  void aThousandEdgesAreLaidOutWithTheirLabelsApartAndADeepLinkSelectsItsEdge() throws Exception {
    writeClusteredGraph(1_000);
    browser.get(base + "/#graph");
    WebElement limit = wait.until(ExpectedConditions.elementToBeClickable(By.id("f-limit")));
    limit.clear();
    limit.sendKeys("1000");
    clickWhenSettled(By.id("apply-filters"));
    wait.until(d -> "1000".equals(d.findElement(By.id("view-graph")).getAttribute("data-edges")));
    wait.until(d -> "done".equals(d.findElement(By.id("view-graph")).getAttribute("data-layout")));
    // Measured in the page: how many variables' labels overlap another's, in the layout's coordinates.
    @SuppressWarnings("unchecked")
    Map<String, Object> overlap = (Map<String, Object>) js("""
        const cy = document.getElementById('cy')._cyreg.cy;
        const boxes = cy.nodes().map((n) => n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }))
          .filter((b) => b.w > 0);
        let overlapping = 0;
        for (let i = 0; i < boxes.length; i++) {
          for (let j = 0; j < boxes.length; j++) {
            const a = boxes[i], b = boxes[j];
            if (i !== j && a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) { overlapping++; break; }
          }
        }
        return { labels: boxes.length, overlapping };""");
    long labels = (Long) overlap.get("labels");
    long overlapping = (Long) overlap.get("overlapping");
    System.out.printf("1,000-edge view: %d of %d labels overlap another (%.1f%%)%n", overlapping, labels,
        100.0 * overlapping / labels);
    assertTrue(labels > 500, "labels measured: " + labels);
    assertTrue(overlapping < 0.05 * labels, overlapping + " of " + labels + " labels overlap");
    screenshot("110-thousand-edges");

    // A deep link selects its edge and brings it to the middle of the canvas.
    long edge = Long.parseLong(single("SELECT id::text FROM edges ORDER BY belief, id LIMIT ?", 1));
    browser.get(base + "/#graph?edge=" + edge);
    wait.until(d -> "done".equals(d.findElement(By.id("view-graph")).getAttribute("data-layout")));
    wait.until(d -> Boolean.TRUE.equals(js("""
        const cy = document.getElementById('cy')._cyreg.cy;
        const e = cy.getElementById('e' + arguments[0]);
        if (e.empty() || !e.selected() || cy.$('edge:selected').length !== 1) return false;
        const m = e.renderedMidpoint();
        return Math.abs(m.x - cy.width() / 2) < cy.width() / 4 && Math.abs(m.y - cy.height() / 2) < cy.height() / 4;""",
        edge)));
    screenshot("111-deep-link");

    // The API description, rendered for people from the same document the API serves.
    browser.get(base + "/api-docs");
    int documented = wait.until(d -> {
      int n = d.findElements(By.cssSelector(".opblock")).size();
      return n > 0 ? n : null;
    });
    assertEquals(server.router().routes().size(), documented, "every route has its block");
    HttpResponse<byte[]> icon = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/favicon.ico"))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, icon.statusCode(), "no favicon 404");
    screenshot("112-api-docs");
  }

  /** Clusters of variables joined by causal verdicts, as a literature graph grows them: {@code edges} edges. */
  private void writeClusteredGraph(int edges) {
    String[] first = {"soil", "river", "crop", "pest", "urban", "coastal", "forest", "grazing", "dairy", "wind",
        "solar", "ocean", "wetland", "glacier", "aquifer", "orchard", "fishery", "savanna", "peat", "tundra"};
    String[] second = {"moisture", "nitrate", "runoff", "yield", "erosion", "temperature", "salinity", "turbidity",
        "biomass", "outflow", "pollination", "acidity", "demand", "density", "cover", "loss", "growth", "uptake"};
    org.causalworkbench.graph.store.PostgresGraphWriter writer = new org.causalworkbench.graph.store.PostgresGraphWriter(
        ownServices.database().dataSource(), EdgeScorers.fromConfig(config));
    java.util.Random random = new java.util.Random(7);
    List<org.causalworkbench.core.model.ProcessedDocument> documents = new java.util.ArrayList<>();
    List<String> ids = new java.util.ArrayList<>();
    for (int d = 0; d < 40; d++) {
      String text = "Synthetic field report " + d + " for the layout test.";
      var doc = new org.causalworkbench.core.model.Document(org.causalworkbench.core.id.ContentIds.documentId(text),
          "layout-" + d + ".txt", "", text, Map.of());
      documents.add(new org.causalworkbench.core.model.ProcessedDocument(doc, List.of(
          new org.causalworkbench.core.model.Sentence(doc.id(), 0, 0, text.length(), text, List.of(), List.of())),
          1, 1, 1));
      ids.add(doc.id());
    }
    writer.writeDocuments(documents);
    List<org.causalworkbench.core.model.Verdict> verdicts = new java.util.ArrayList<>();
    java.util.Set<String> pairs = new java.util.HashSet<>();
    while (verdicts.size() < edges) {
      int cluster = random.nextInt(60);
      String cause = first[cluster % first.length] + " " + second[random.nextInt(6) + cluster % 12] + " " + cluster;
      String effect = first[cluster % first.length] + " " + second[random.nextInt(6) + cluster % 12] + " " + cluster;
      if (cause.equals(effect) || !pairs.add(cause + ">" + effect)) {
        continue;
      }
      String document = ids.get(random.nextInt(ids.size()));
      var c = new org.causalworkbench.core.model.Span(0, 9, "Synthetic");
      var e = new org.causalworkbench.core.model.Span(10, 15, "field");
      verdicts.add(new org.causalworkbench.core.model.Verdict(
          org.causalworkbench.core.id.ContentIds.evidenceId(document, cause + ">" + effect, "cue", "1"),
          "layout/" + cause + ">" + effect, document, document + "/s0", List.of(0),
          org.causalworkbench.core.model.CausalLabel.CAUSE_TO_EFFECT, 0.6 + random.nextDouble() * 0.4, "cue", "1", c, e,
          cause, effect, "layout test", java.util.Set.of()));
    }
    writer.writeVerdicts(verdicts);
  }

  private long currentQueueEdge() {
    return Long.parseLong(attributeWhenSettled(By.cssSelector("#queue-list li.current"), "data-edge-id"));
  }

  /**
   * The next edge, once both the list marks it and the panel (whose keys act) shows it: the list
   * moves on before the panel's read returns, and a key pressed in between acted on the old edge.
   */
  private long nextQueueEdge(long previous) {
    long next = wait.until(d -> {
      long shown = currentQueueEdge();
      String panel = d.findElement(By.id("queue-edge")).getAttribute("data-edge-id");
      return shown != previous && String.valueOf(shown).equals(panel) ? shown : null;
    });
    assertNotEquals(previous, next);
    return next;
  }

  private void press(String key) {
    clickWhenSettled(By.cssSelector("#queue-edge .edge-title")); // focus off any input
    new Actions(browser).sendKeys(key).perform();
  }

  private Object js(String script, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(script, arguments);
  }

  private void screenshot(String name) throws Exception {
    Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  private String evidenceReview(String id) {
    return single("SELECT review FROM evidence WHERE id = ?", id);
  }

  private List<String> reviewers() throws Exception {
    try (Connection c = ownServices.database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT reviewer FROM review_log ORDER BY id");
        ResultSet rs = s.executeQuery()) {
      List<String> out = new java.util.ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  private Long mergedInto(long variable) throws Exception {
    String value = single("SELECT merged_into::text FROM variables WHERE id = ?", variable);
    return value == null ? null : Long.valueOf(value);
  }

  private long markupEdge() {
    String id = single("SELECT v.edge_id::text FROM evidence v JOIN documents d ON d.id = v.document_id"
        + " WHERE v.edge_id IS NOT NULL AND d.source LIKE ? ORDER BY v.edge_id LIMIT 1", "%field-notes.txt");
    assertNotNull(id, "the markup fixture gave an edge");
    return Long.parseLong(id);
  }

  private String single(String sql, Object parameter) {
    try (Connection c = ownServices.database().dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, parameter);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Clicks what {@code by} finds, again if a redraw replaced it between finding and clicking. */
  private void clickWhenSettled(By by) {
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
      WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
      if (element == null) {
        return false;
      }
      element.click();
      return true;
    });
  }

  /**
   * Reads an attribute of what {@code by} finds, looking it up again if a redraw replaced it: the
   * queue draws its list afresh after every decision, so an element found a moment ago may be gone.
   */
  /** Per judge, a column of judge_reviews. */
  private Map<String, Integer> judgeCounts(String column) throws Exception {
    Map<String, Integer> out = new java.util.TreeMap<>();
    try (Connection c = ownServices.database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT judge_id, " + column + " FROM judge_reviews");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getInt(2));
      }
    }
    return out;
  }

  private List<String> column(String sql) throws Exception {
    try (Connection c = ownServices.database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      List<String> out = new java.util.ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  private String textWhenSettled(By by) {
    return wait.until(d -> {
      List<WebElement> found = d.findElements(by);
      return found.isEmpty() ? null : found.get(0).getText();
    });
  }

  private String attributeWhenSettled(By by, String attribute) {
    return wait.until(d -> {
      List<WebElement> found = d.findElements(by);
      return found.isEmpty() ? null : found.get(0).getAttribute(attribute);
    });
  }
}
