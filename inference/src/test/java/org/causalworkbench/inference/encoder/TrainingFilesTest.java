package org.causalworkbench.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingFilesTest {

  @Test
  void detectionFilesGiveOneTextExamplePerRow() {
    List<PairExample> read = TrainingFiles.parse(List.of(
        List.of("\uFEFFindex", "text", "label"),
        List.of("a", "The frost killed the blossom.", "1"),
        List.of("b", "The orchard lies by the road.", "0"),
        List.of("c", "The frost killed the blossom.", "1")), "d.csv");
    assertEquals(2, read.size(), "the repeated text counts once");
    assertTrue(read.get(0).isDetection());
    assertTrue(read.get(0).causal());
    assertFalse(read.get(1).causal());
  }

  @Test
  void groupedFilesGiveTheTextAndEachRelationBothWays() {
    List<PairExample> read = TrainingFiles.parse(List.of(
        List.of("corpus", "text", "causal_text_w_pairs", "num_rs"),
        List.of("x", "Ice on the line stopped the trains.",
            "['<ARG0>Ice on the line</ARG0> <SIG0>stopped</SIG0> <ARG1>the trains</ARG1>.']", "1"),
        List.of("x", "The guard's van was red.", "[]", "0"),
        List.of("x", "He said \"stop\" because it's late.",
            "[\"He said \\\"stop\\\" <SIG0>because</SIG0> <ARG0>it's late</ARG0>.\"]", "1")), "g.csv");
    List<PairExample> texts = read.stream().filter(PairExample::isDetection).toList();
    List<PairExample> pairs = read.stream().filter(e -> !e.isDetection()).toList();
    assertEquals(List.of(true, false, true), texts.stream().map(PairExample::causal).toList());
    assertEquals(2, pairs.size(), "the relation without ARG1 gives no pair; the first gives it both ways");
    PairExample forward = pairs.get(0);
    assertTrue(forward.causal());
    assertEquals("Ice on the line", forward.text().substring(forward.causeBegin(), forward.causeEnd()));
    assertEquals("the trains", forward.text().substring(forward.effectBegin(), forward.effectEnd()));
    assertFalse(pairs.get(1).causal());
    assertEquals("the trains", forward.text().substring(pairs.get(1).causeBegin(), pairs.get(1).causeEnd()));
    assertEquals(List.of("He said \"stop\" <SIG0>because</SIG0> <ARG0>it's late</ARG0>."),
        TrainingFiles.pythonStrings("[\"He said \\\"stop\\\" <SIG0>because</SIG0> <ARG0>it's late</ARG0>.\"]"));
  }

  @Test
  void pairFilesGivePairsAndTheirSentenceLabels() {
    List<PairExample> read = TrainingFiles.parse(List.of(
        List.of("text", "text_w_pairs", "seq_label", "pair_label"),
        List.of("Smoke rose so the alarm rang.", "<ARG0>Smoke rose</ARG0> so <ARG1>the alarm rang</ARG1>.", "1", "1"),
        List.of("Smoke rose so the alarm rang.", "<ARG1>Smoke rose</ARG1> so <ARG0>the alarm rang</ARG0>.", "1", "0")),
        "p.csv");
    assertEquals(3, read.size(), "two pairs and one text");
    assertEquals(1, read.stream().filter(PairExample::isDetection).count());
    assertThrows(IllegalArgumentException.class,
        () -> TrainingFiles.parse(List.of(List.of("sentence", "gold")), "unknown.csv"));
  }
}
