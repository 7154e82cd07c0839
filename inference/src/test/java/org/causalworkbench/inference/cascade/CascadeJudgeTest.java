package org.causalworkbench.inference.cascade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.Mention;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.inference.encoder.EncoderJudge;
import org.causalworkbench.inference.judge.Detection;
import org.causalworkbench.inference.llm.LlmJudge;
import org.causalworkbench.inference.llm.LlmSettings;
import org.causalworkbench.inference.llm.ScriptedOpenAiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cascade sends exactly the pairs inside its band to the llm, with the shipped encoder in front. */
class CascadeJudgeTest {

  private static final String ANSWER = "<think>\nThe verb states it.\n</think>\n{\"answer\": \"A->B\"}";

  @TempDir Path dir;
  ScriptedOpenAiServer server;
  WorkbenchConfig config;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedOpenAiServer();
    config = WorkbenchConfig.defaults()
        .with(WorkbenchOptions.LLM_ENDPOINT, server.endpoint())
        .with(WorkbenchOptions.LLM_MODEL, "scripted-r1")
        .with(WorkbenchOptions.LLM_BACKOFF_MS, "10")
        .with(WorkbenchOptions.LLM_RETRIES, "0")
        .with(WorkbenchOptions.LLM_CACHE, "false")
        .with(WorkbenchOptions.DATA_DIR, dir.toString());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static CandidatePair pair(String text, String a, String b) {
    String doc = ContentIds.documentId(text);
    Unit unit = Unit.of(doc, List.of(new Sentence(doc, 0, 0, text.length(), text, List.of(), List.of())));
    int ia = text.indexOf(a);
    int ib = text.indexOf(b);
    return CandidatePair.of(unit, new Mention(new Span(ia, ia + a.length(), a), 0, 0, 0, 0, a),
        new Mention(new Span(ib, ib + b.length(), b), 0, 1, 1, 1, b));
  }

  private final List<CandidatePair> pairs = List.of(
      pair("The gale at Wexmoor toppled the power lines.", "The gale", "the power lines"),
      pair("The drought at Tarnby ruined the barley harvest.", "The drought", "the barley harvest"),
      pair("The choir at Ulverholm sang before the mayor.", "The choir", "the mayor"));
  private final List<String> triggers = List.of("Wexmoor", "Tarnby", "Ulverholm");

  @Test
  void onlyThePairsInsideTheBandGoToTheLlmAndEachVerdictNamesItsJudge() {
    double[] p;
    try (EncoderJudge encoder = new EncoderJudge(config)) {
      p = encoder.judge(pairs).stream().mapToDouble(Verdict::probability).toArray();
    }
    double[] sorted = p.clone();
    Arrays.sort(sorted);
    assumeTrue(sorted[0] < sorted[1] && sorted[1] < sorted[2], "the encoder gave two pairs the same probability");
    int middle = 0;
    while (p[middle] != sorted[1]) {
      middle++;
    }
    triggers.forEach(t -> server.script(t, ScriptedOpenAiServer.ok(ANSWER)));

    double low = (sorted[0] + sorted[1]) / 2;
    double high = (sorted[1] + sorted[2]) / 2;
    try (CascadeJudge cascade = new CascadeJudge(new EncoderJudge(config), new LlmJudge(LlmSettings.from(config)), low,
        high)) {
      List<Verdict> verdicts = cascade.judge(pairs);
      for (int i = 0; i < pairs.size(); i++) {
        boolean asked = i == middle;
        assertEquals(asked ? "llm" : "encoder", verdicts.get(i).judgeId(), "pair " + i + " at p " + p[i]);
        assertEquals(asked ? 1 : 0, server.received(triggers.get(i)).size(), "requests for pair " + i);
        if (!asked) {
          assertEquals(p[i], verdicts.get(i).probability(), 1e-12, "the encoder's own verdict stands");
        }
      }
    }
  }

  @Test
  void aWideBandAsksTheLlmAboutEverythingAndItsFailuresLeaveTheEncodersVerdict() {
    server.script("Wexmoor", ScriptedOpenAiServer.ok(ANSWER));
    server.script("Tarnby", ScriptedOpenAiServer.status(400, null));
    server.script("Ulverholm", ScriptedOpenAiServer.ok(ANSWER));
    server.script("Carrowby", ScriptedOpenAiServer.ok("<think>\nA flood closing a school.\n</think>\n"
        + "{\"answer\": \"causal\"}"));
    try (CascadeJudge cascade = new CascadeJudge(new EncoderJudge(config), new LlmJudge(LlmSettings.from(config)), 0,
        1)) {
      List<Verdict> verdicts = cascade.judge(pairs);
      assertEquals("llm", verdicts.get(0).judgeId());
      assertEquals("encoder", verdicts.get(1).judgeId());
      assertTrue(verdicts.get(1).explanation().contains("the llm gave no answer"), verdicts.get(1).explanation());
      assertEquals(null, verdicts.get(1).failure(), "the encoder's answer is kept, not an unknown");
      assertEquals("llm", verdicts.get(2).judgeId());

      Detection asked = cascade.detect("The flood at Carrowby closed the school.").join();
      assertEquals("llm", asked.decidedBy());
      assertEquals(Boolean.TRUE, asked.causal());
    }
    try (CascadeJudge cascade = new CascadeJudge(new EncoderJudge(config), new LlmJudge(LlmSettings.from(config)), 0.5,
        0.5)) {
      assertEquals("encoder", cascade.detect("The flood at Carrowby closed the school.").join().decidedBy(),
          "an empty band never asks the llm");
      assertEquals(1, server.received("Carrowby").size(), "only the wide band's detection asked about it");
    }
  }
}
