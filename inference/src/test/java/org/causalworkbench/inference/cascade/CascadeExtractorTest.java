package org.causalworkbench.inference.cascade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.Relation;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.inference.judge.UnitRelations;
import org.causalworkbench.inference.llm.LlmExtractor;
import org.causalworkbench.inference.llm.LlmSettings;
import org.causalworkbench.inference.llm.ScriptedOpenAiServer;
import org.causalworkbench.inference.tagger.TaggerExtractor;
import org.causalworkbench.inference.tagger.TaggerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extraction cascade with the shipped span tagger and a scripted llm: who is asked, whose
 * relations stand, and what happens when the llm fails or is late.
 */
class CascadeExtractorTest {

  @TempDir static Path dir;
  static TaggerExtractor tagger;
  static ScriptedOpenAiServer server;

  @BeforeAll
  static void open() throws Exception {
    WorkbenchConfig config = WorkbenchConfig.defaults().with(WorkbenchOptions.DATA_DIR, dir.toString());
    tagger = TaggerExtractor.open(TaggerSettings.from(config));
    server = new ScriptedOpenAiServer();
  }

  @AfterAll
  static void close() {
    tagger.close();
    server.close();
  }

  private static LlmExtractor llm(String timeoutSeconds) {
    return new LlmExtractor(LlmSettings.from(WorkbenchConfig.defaults()
        .with(WorkbenchOptions.LLM_ENDPOINT, server.endpoint())
        .with(WorkbenchOptions.LLM_MODEL, "scripted-r1")
        .with(WorkbenchOptions.LLM_RETRIES, "0")
        .with(WorkbenchOptions.LLM_TIMEOUT_SECONDS, timeoutSeconds)
        .with(WorkbenchOptions.LLM_CACHE, "false")
        .with(WorkbenchOptions.DATA_DIR, dir.toString())));
  }

  private static Unit unit(String text) {
    String doc = ContentIds.documentId(text);
    return Unit.of(doc, List.of(new Sentence(doc, 0, 0, text.length(), text, List.of(), List.of())));
  }

  @Test
  void outsideTheBandTheTaggerDecidesAndTheLlmIsNotAsked() {
    String text = "Pintail ledger: the storm flooded the harbour road.";
    CascadeExtractor cascade = new CascadeExtractor(tagger, llm("60"), 0, 0, 60_000);
    UnitRelations found = cascade.extract(unit(text));
    assertTrue(server.received("Pintail").isEmpty(), "an empty band sends nothing to the llm");
    assertEquals(tagger.extract(unit(text)).relations(), found.relations());
  }

  @Test
  void inTheBandTheLlmsRelationsReplaceTheTaggers() {
    String text = "Garganey ledger: the drought shrank the lake.";
    server.script("Garganey", ScriptedOpenAiServer.ok("<think>\nok\n</think>\n{\"relations\": [{\"cause\": \"the drought\","
        + " \"effect\": \"the lake\", \"signal\": \"shrank\", \"polarity\": \"decreases\", \"hedged\": false,"
        + " \"negated\": false}]}"));
    CascadeExtractor cascade = new CascadeExtractor(tagger, llm("60"), 0, 1, 60_000);
    UnitRelations found = cascade.extract(unit(text));
    assertEquals(1, server.received("Garganey").size());
    assertNull(found.failure());
    assertEquals(1, found.relations().size());
    Relation r = found.relations().get(0);
    assertEquals("llm", r.extractorId(), "the relation carries the extractor that found it");
    assertEquals("the drought", r.cause().text());
  }

  @Test
  void whenTheLlmFailsTheTaggersRelationsStand() {
    String text = "Shoveler ledger: heavy snow closed the mountain pass for a week.";
    server.script("Shoveler", ScriptedOpenAiServer.status(500, null));
    CascadeExtractor cascade = new CascadeExtractor(tagger, llm("60"), 0, 1, 60_000);
    UnitRelations found = cascade.extract(unit(text));
    List<Relation> taggerOnly = tagger.extract(unit(text)).relations();
    assertEquals("http_error", found.failure());
    assertEquals(taggerOnly.size(), found.relations().size());
    for (int i = 0; i < taggerOnly.size(); i++) {
      assertEquals(taggerOnly.get(i).cause(), found.relations().get(i).cause());
      assertTrue(found.relations().get(i).explanation().contains("the llm gave no answer: http_error"));
    }
  }

  @Test
  void aLateLlmIsNotWaitedForPastTheCascadesDeadline() {
    String text = "Wigeon ledger: the landslide blocked the valley road.";
    server.script("Wigeon", ScriptedOpenAiServer.slow(5_000, "<think>\nok\n</think>\n{\"relations\": []}"));
    CascadeExtractor cascade = new CascadeExtractor(tagger, llm("60"), 0, 1, 300);
    long start = System.nanoTime();
    UnitRelations found = cascade.extract(unit(text));
    assertTrue((System.nanoTime() - start) / 1e6 < 4_000, "answered at the deadline, not when the llm replied");
    assertEquals("timeout", found.failure());
    assertFalse(found.relations().stream().anyMatch(r -> r.extractorId().equals("llm")));
    assertEquals(tagger.extract(unit(text)).relations().size(), found.relations().size());
  }
}
