package org.causalworkbench.app.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.causalworkbench.extraction.annotate.CoreNlpAnnotator;
import org.causalworkbench.extraction.detect.SpanPairDetector;
import org.causalworkbench.inference.cue.CueJudge;
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
      // Calibration: answered causal at 0.75 (Hail right, council wrong), noncausal at 0.25 (levy wrong, Wolves
      // right): both bins hold half causal items, each 0.25 away from its mean probability.
      assertEquals(0.25, report.ece(), 1e-9);
      assertEquals(new EvalReport.Bin(0.7, 0.8, 2, 0.75, 0.5), report.reliability().get(7));
      assertEquals(new EvalReport.Bin(0.2, 0.3, 2, 0.25, 0.5), report.reliability().get(2));
      assertEquals(4, report.reliability().stream().mapToInt(EvalReport.Bin::n).sum());
      assertEquals(true, json.has("ece"));
      Path png = dir.resolve("reliability.png");
      ReliabilityDiagram.write(report, png);
      java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
      assertEquals(480, image.getWidth());

      java.util.Set<String> groupKeys = new java.util.HashSet<>();
      json.path("groups").path("news").fieldNames().forEachRemaining(groupKeys::add);
      assertEquals(Set.of("n", "answered", "accuracy", "f1"), groupKeys);
    }
  }

  @Test
  void taggedPairsAreJudgedAsPairsByTheCueJudge() throws Exception {
    Path data = dir.resolve("pairs.csv");
    Files.writeString(data, "text_w_pairs,pair_label\n"
        + "\"<ARG0>Heavy rain</ARG0> caused <ARG1>the flooding</ARG1> in the valley .\",1\n"
        + "\"<ARG1>Heavy rain</ARG1> caused <ARG0>the flooding</ARG0> in the valley .\",0\n"
        + "\"<ARG0>The mayor</ARG0> opened <ARG1>the bridge</ARG1> on Monday .\",0\n"
        + "\"A sentence with only <ARG0>one tag</ARG0> .\",1\n");
    List<DetectionEvaluation.Item> items = DetectionEvaluation.read(data, "text_w_pairs", "pair_label", null, 0);
    assertEquals(3, items.size(), "the row without both tags is skipped");
    assertEquals("Heavy rain caused the flooding in the valley .", items.get(0).text());
    assertEquals(new DetectionEvaluation.Pair(0, 10, 18, 30), items.get(0).pair());
    WorkbenchConfig config = WorkbenchConfig.defaults();
    try (SpanPairDetector pairs = new SpanPairDetector(CoreNlpAnnotator.parsing(config), new CueJudge())) {
      EvalReport report = new DetectionEvaluation(null, pairs, 1,
          new PrintStream(java.io.OutputStream.nullOutputStream())).run("pairs.csv", items);
      assertEquals(3, report.answered());
      assertEquals(1.0, report.accuracy(), "cause, reversed and unrelated pairs all told apart: " + report);
    }
  }

  @Test
  void aCascadesItemsAreCountedByTheJudgeThatDecidedThem() {
    List<DetectionEvaluation.Item> items = List.of(new DetectionEvaluation.Item("a", true, null),
        new DetectionEvaluation.Item("b", false, null), new DetectionEvaluation.Item("c", true, null),
        new DetectionEvaluation.Item("d", false, null));
    List<org.causalworkbench.inference.judge.Detection> detections = List.of(
        org.causalworkbench.inference.judge.Detection.of(true, 0.95).decidedBy("encoder"),
        org.causalworkbench.inference.judge.Detection.of(false, 0.5).decidedBy("llm"),
        org.causalworkbench.inference.judge.Detection.of(true, 0.6).decidedBy(
            org.causalworkbench.inference.cascade.CascadeJudge.FALLBACK),
        org.causalworkbench.inference.judge.Detection.of(false, 0.02).decidedBy("encoder"));
    EvalReport report = DetectionEvaluation.score("cascade", "x.csv", items, detections, 1.0);
    assertEquals(2, report.itemsToLlm(), "the llm was asked about b, and about c without answering");
    assertEquals(Map.of("encoder", 2, "llm", 1, org.causalworkbench.inference.cascade.CascadeJudge.FALLBACK, 1),
        report.decidedBy());
  }

  @Test
  void theF1IntervalHoldsTheEstimateAndNarrowsWithMoreItems() {
    EvalReport small = scored(50);
    EvalReport large = scored(5000);
    assertEquals(small.f1(), large.f1(), 1e-9, "the same mix of right and wrong answers");
    for (EvalReport r : List.of(small, large)) {
      assertTrue(r.f1Interval().lower() < r.f1() && r.f1() < r.f1Interval().upper(), r.f1Interval().toString());
      assertEquals(DetectionEvaluation.BOOTSTRAP_RESAMPLES, r.f1Interval().resamples());
    }
    double smallWidth = small.f1Interval().upper() - small.f1Interval().lower();
    double largeWidth = large.f1Interval().upper() - large.f1Interval().lower();
    // The width shrinks as 1/sqrt(n): a hundred times the items, a tenth of the width.
    assertEquals(0.1, largeWidth / smallWidth, 0.03, small.f1Interval() + " " + large.f1Interval());
    assertEquals(small.f1Interval(), scored(50).f1Interval(), "a fixed seed: the same report twice");
    List<DetectionEvaluation.Item> items = new java.util.ArrayList<>();
    List<org.causalworkbench.inference.judge.Detection> right = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      items.add(new DetectionEvaluation.Item("p" + i, i % 2 == 0, null));
      right.add(org.causalworkbench.inference.judge.Detection.of(i % 2 == 0, i % 2 == 0 ? 0.9 : 0.1));
    }
    EvalReport perfect = DetectionEvaluation.score("j", "x.csv", items, right, 1.0);
    assertEquals(new org.causalworkbench.core.metrics.Confusion.Interval(1.0, 1.0, 0.95, DetectionEvaluation.BOOTSTRAP_RESAMPLES,
        DetectionEvaluation.BOOTSTRAP_SEED), perfect.f1Interval(), "every resample of a perfect judge is perfect");
  }

  /** n items, 2 in 5 causal; of each 10: 3 true positives, 1 false negative, 1 false positive, 5 true negatives. */
  private static EvalReport scored(int n) {
    List<DetectionEvaluation.Item> items = new java.util.ArrayList<>();
    List<org.causalworkbench.inference.judge.Detection> detections = new java.util.ArrayList<>();
    boolean[][] cells = {{true, true}, {true, true}, {true, true}, {true, false}, {false, true},
        {false, false}, {false, false}, {false, false}, {false, false}, {false, false}};
    for (int i = 0; i < n; i++) {
      boolean[] c = cells[i % 10];
      items.add(new DetectionEvaluation.Item("t" + i, c[0], null));
      detections.add(org.causalworkbench.inference.judge.Detection.of(c[1], c[1] ? 0.8 : 0.2));
    }
    return DetectionEvaluation.score("j", "x.csv", items, detections, 1.0);
  }
}
