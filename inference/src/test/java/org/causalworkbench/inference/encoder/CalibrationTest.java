package org.causalworkbench.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
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
}
