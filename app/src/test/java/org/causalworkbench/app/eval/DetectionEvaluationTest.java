package org.causalworkbench.app.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.inference.llm.LlmJudge;
import org.causalworkbench.inference.llm.LlmSettings;
import org.causalworkbench.inference.llm.ScriptedOpenAiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionEvaluationTest {

  @TempDir Path dir;

  @Test
  void scoresTheLlmJudgeOnALabelledCsvWithGroupsAndFailures() throws Exception {
    Path data = dir.resolve("items.csv");
    Files.writeString(data, "\uFEFFid,text,label,corpus\n"
        + "1,\"Hail flattened the wheat, so bread prices rose.\",1,news\n"
        + "2,The council met on Tuesday.,0,news\n"
        + "3,\"The levy cut sugar sales, officials said.\",1,reports\n"
        + "4,Wolves returned to the valley in spring.,0,reports\n"
        + "5,Kelp forests shrank because urchins spread.,1,reports\n");
    try (ScriptedOpenAiServer server = new ScriptedOpenAiServer()) {
      String think = "<think>\nweighing it\n</think>\n";
      server.script("Hail", ScriptedOpenAiServer.ok(think + "{\"answer\": \"causal\"}"));
      server.script("council", ScriptedOpenAiServer.ok(think + "{\"answer\": \"causal\"}"));
      server.script("levy", ScriptedOpenAiServer.ok(think + "{\"answer\": \"noncausal\"}"));
      server.script("Wolves", ScriptedOpenAiServer.ok(think + "{\"answer\": \"noncausal\"}"));
      server.script("Kelp", ScriptedOpenAiServer.cutOff("<think>\nhmm"));
      WorkbenchConfig config = WorkbenchConfig.defaults()
          .with(WorkbenchOptions.LLM_ENDPOINT, server.endpoint())
          .with(WorkbenchOptions.LLM_CACHE, "false")
          .with(WorkbenchOptions.LLM_BACKOFF_MS, "10");
      List<DetectionEvaluation.Item> items = DetectionEvaluation.read(data, "text", "label", "corpus", 0);
      EvalReport report = new DetectionEvaluation(new LlmJudge(LlmSettings.from(config)), 4,
          new PrintStream(java.io.OutputStream.nullOutputStream())).run("items.csv", items);

      // answered 4: TP=1 (Hail), FP=1 (council), FN=1 (levy), TN=1 (Wolves); Kelp truncated twice
      assertEquals(5, report.n());
      assertEquals(4, report.answered());
      assertEquals(0.5, report.accuracy());
      assertEquals(0.5, report.precision());
      assertEquals(0.5, report.recall());
      assertEquals(0.5, report.f1());
      assertEquals(0.4, report.unansweredAsWrongAccuracy());
      assertEquals(Map.of("truncated", 1), report.failures());
      assertEquals(new EvalReport.Group(2, 2, 0.5, 0.6667), report.groups().get("news"));
      assertEquals(new EvalReport.Group(3, 2, 0.5, 0.0), report.groups().get("reports"));
      assertEquals(0.5, report.macroGroupAccuracy());
      assertEquals(120L * 6, report.tokensIn(), "four answers and Kelp's two attempts");

      JsonNode json = new Json().mapper().readTree(new Json().writeString(report));
      for (String key : List.of("judge", "n", "answered", "accuracy", "precision", "recall", "f1",
          "unanswered_as_wrong_accuracy", "failures", "groups", "macro_group_accuracy", "seconds", "items_per_second",
          "tokens_in", "tokens_out")) {
        assertEquals(true, json.has(key), "report lacks " + key);
      }
      java.util.Set<String> groupKeys = new java.util.HashSet<>();
      json.path("groups").path("news").fieldNames().forEachRemaining(groupKeys::add);
      assertEquals(Set.of("n", "answered", "accuracy", "f1"), groupKeys);
    }
  }
}
