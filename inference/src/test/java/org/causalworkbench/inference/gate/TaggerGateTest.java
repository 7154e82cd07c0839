package org.causalworkbench.inference.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.inference.judge.UnitRelations;
import org.causalworkbench.inference.tagger.SpanTagger;
import org.causalworkbench.inference.tagger.TaggerExtractor;
import org.causalworkbench.inference.tagger.TaggerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default gate, the span tagger's presence score, on sentences written and labelled for this
 * test: it passes those that state a cause and drops those that do not, and when the extractor is
 * the tagger, the gate's reading is the extractor's (one model pass per unit).
 */
class TaggerGateTest {

  @TempDir static Path dir;
  static WorkbenchConfig config;
  static TaggerExtractor extractor;

  static final List<String> CAUSAL = List.of(
      "The river flooded the lower streets because the old dam gave way.",
      "A shortage of nurses has led to longer waiting times at the clinic.",
      "Higher fuel prices pushed up the cost of bus tickets.",
      "The bridge was closed after cracks were found in its supports.",
      "Cold weather killed most of the early blossom in the orchards.",
      "The strike by dock workers delayed shipments of grain for a week.");

  static final List<String> PLAIN = List.of(
      "The library holds about forty thousand books.",
      "Our train leaves from platform four at noon.",
      "The village has a small square with a fountain.",
      "She painted the kitchen a pale shade of green.",
      "The meeting is on the second floor of the town hall.");

  @BeforeAll
  static void open() {
    config = WorkbenchConfig.defaults().with(WorkbenchOptions.DATA_DIR, dir.toString());
    extractor = new TaggerExtractor(SpanTagger.open(TaggerSettings.from(config), ai.djl.Device.cpu()));
  }

  @AfterAll
  static void close() {
    extractor.close();
  }

  private static List<Unit> units(List<String> texts) {
    List<Unit> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String doc = "doc-" + i;
      out.add(Unit.of(doc, List.of(new Sentence(doc, 0, 0, texts.get(i).length(), texts.get(i), List.of(),
          List.of()))));
    }
    return out;
  }

  @Test
  void passesSentencesThatStateACauseAndDropsOthers() {
    try (UnitGate gate = UnitGate.fromConfig(config, extractor)) {
      assertEquals(UnitGate.TAGGER_THRESHOLD, gate.threshold());
      List<Unit> causal = units(CAUSAL);
      List<Unit> plain = units(PLAIN);
      assertTrue(gate.pass(causal).size() >= CAUSAL.size() - 1,
          "passed " + gate.pass(causal).size() + " of " + CAUSAL.size() + " causal sentences");
      assertTrue(gate.pass(plain).size() <= 1, "passed " + gate.pass(plain).size() + " of " + PLAIN.size()
          + " plain sentences");
    }
  }

  @Test
  void theExtractorAnswersTheUnitsTheGatePassedFromTheGatesReading() {
    List<Unit> units = new ArrayList<>(units(CAUSAL));
    units.addAll(units(PLAIN));
    extractor.spanTagger().tag(List.of("A sentence of no other test, so the tagger remembers none of these units."));
    try (UnitGate gate = UnitGate.fromConfig(config, extractor)) {
      long before = extractor.spanTagger().textsRead();
      List<Unit> passed = gate.pass(units);
      assertEquals(before + units.size(), extractor.spanTagger().textsRead(), "the gate read every unit once");
      List<UnitRelations> found = extractor.extract(passed);
      assertEquals(before + units.size(), extractor.spanTagger().textsRead(), "the extractor read nothing again");
      assertTrue(found.stream().filter(r -> !r.relations().isEmpty()).count() >= CAUSAL.size() - 2,
          "relations in " + found);
    }
    // The gate leaves the shared tagger to the extractor.
    assertEquals(1, extractor.extract(units(List.of(CAUSAL.get(0)))).size());
  }
}
