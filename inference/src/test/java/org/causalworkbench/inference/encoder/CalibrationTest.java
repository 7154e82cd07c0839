package org.causalworkbench.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  /** Margins drawn so that sigmoid(margin / trueT) is the real probability of the label. */
  private static double fitOn(double trueT, double scale) {
    Random random = new Random(5);
    int n = 20_000;
    double[] margins = new double[n];
    boolean[] labels = new boolean[n];
    for (int i = 0; i < n; i++) {
      margins[i] = random.nextGaussian() * scale;
      labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-margins[i] / trueT));
    }
    return Calibration.fitTemperature(margins, labels);
  }

  @Test
  void recoversTheTemperatureOfAnOverconfidentAndAnUnderconfidentModel() {
    assertEquals(3.0, fitOn(3.0, 8), 0.3, "overconfident logits are cooled");
    assertEquals(0.5, fitOn(0.5, 1), 0.05, "underconfident logits are sharpened");
    assertEquals(1.0, fitOn(1.0, 3), 0.1);
  }

  @Test
  void theFittedTemperatureLowersTheHeldOutLossAndKeepsTheDecision() {
    double[] margins = {6, 5, 4, -6, -5, 3, -4, 2};
    boolean[] labels = {true, false, true, false, true, false, false, true};
    float t = Calibration.fitTemperature(margins, labels);
    assertTrue(t > 1, "these margins are overconfident: " + t);
    assertTrue(Calibration.nll(margins, labels, t) < Calibration.nll(margins, labels, 1));
    for (double m : margins) {
      assertEquals(m > 0, Calibration.probability(m, t) > 0.5);
    }
    assertEquals(1f, Calibration.fitTemperature(new double[0], new boolean[0]));
  }

  @Test
  void theThresholdWithTheBestTextF1IsChosenPairsIgnoredTiesTowardsHalf() {
    List<PairExample> examples = List.of(PairExample.detection("a", true, "t"), PairExample.detection("b", true, "t"),
        PairExample.detection("c", false, "t"), new PairExample("d e", 0, 1, 2, 3, true, "t"),
        PairExample.detection("f", false, "t"));
    // Any threshold in (0.30, 0.60] separates the texts; the pair's 0.05 must not count.
    double[] p = {0.7, 0.6, 0.3, 0.05, 0.2};
    assertEquals(0.5f, Calibration.bestThreshold(p, examples, 0.9f), "a tie goes to the threshold nearest 0.5");
    double[] shifted = {0.9, 0.85, 0.775, 0.05, 0.2};
    assertEquals(0.78f, Calibration.bestThreshold(shifted, examples, 0.5f));
    assertEquals(0.7f, Calibration.bestThreshold(p, List.of(new PairExample("d e", 0, 1, 2, 3, true, "t")), 0.7f),
        "no texts: the fallback");
  }

  @Test
  void theHeldOutSplitIsByTextFixedBySeedAndKeepsTheFraction() {
    List<PairExample> examples = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String text = "Text number " + i + " of ours.";
      examples.add(PairExample.detection(text, i % 2 == 0, "t"));
      examples.add(new PairExample(text, 0, 4, 5, 11, false, "t"));
    }
    HeldOutSplit<PairExample> split = HeldOutSplit.of(examples, 9, 0.25);
    assertEquals(20, split.heldOut().size(), "10 of 40 texts, with both their examples");
    assertEquals(60, split.train().size());
    Set<String> heldOutTexts = new HashSet<>(split.heldOut().stream().map(PairExample::text).toList());
    assertTrue(split.train().stream().noneMatch(e -> heldOutTexts.contains(e.text())), "a text is on one side only");
    assertEquals(split, HeldOutSplit.of(examples, 9, 0.25), "the same seed gives the same split");
    assertNotEquals(split.heldOut(), HeldOutSplit.of(examples, 10, 0.25).heldOut());
  }
}
