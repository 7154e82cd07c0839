package org.causalworkbench.inference.gate;

import ai.djl.Device;
import org.causalworkbench.inference.encoder.EncoderModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.inference.cue.SentenceLinks;
import org.causalworkbench.inference.encoder.EncoderEnsemble;
import org.causalworkbench.inference.encoder.PairExample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which units reach the extractor, so units that state nothing causal never cost a model
 * call: the encoder's detection head (or the ensemble's averaged head, with {@code
 * encoder.ensemble}) gives each unit a probability of stating a cause, and a unit passes at {@code
 * extraction.gate.threshold} or above, a threshold chosen for recall, not for F1: a causal sentence
 * the gate drops is lost, a plain one it passes only costs a tagger pass. A two-sentence unit also
 * needs its second sentence to link back to the first ({@link SentenceLinks}); others are not read
 * by the model at all. With {@code extraction.gate=none} every unit passes.
 */
public final class UnitGate implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UnitGate.class);

  private final EncoderEnsemble detector;
  private final double threshold;
  private final int batchSize;

  private UnitGate(EncoderEnsemble detector, double threshold, int batchSize) {
    this.detector = detector;
    this.threshold = threshold;
    this.batchSize = batchSize;
  }

  public static UnitGate fromConfig(WorkbenchConfig config) {
    String type = config.get(WorkbenchOptions.GATE).trim().toLowerCase(Locale.ROOT);
    double threshold = config.getDouble(WorkbenchOptions.GATE_THRESHOLD);
    switch (type) {
      case "none" -> {
        return new UnitGate(null, 0, 1);
      }
      case "encoder" -> {
        Device device = EncoderModel.preferredDevice();
        EncoderEnsemble detector = EncoderEnsemble.fromConfig(config, device);
        LOG.info("unit gate: detection head of {} on {}, threshold {}", detector.describe(), device, threshold);
        return new UnitGate(detector, threshold, config.getInt(WorkbenchOptions.ENCODER_BATCH_SIZE));
      }
      default -> throw new IllegalArgumentException("extraction.gate must be encoder or none, not '" + type + "'");
    }
  }

  public double threshold() {
    return threshold;
  }

  /** For the judge's version and logs: the detector and its threshold, or "none". */
  public String describe() {
    return detector == null ? "none" : detector.version() + String.format(Locale.ROOT, "@%.2f", threshold);
  }

  /**
   * Each unit's probability of stating a cause: the detection head's, 0 for a two-sentence unit
   * whose second sentence does not link back (not read by the model), 1 for every unit without a
   * gate.
   */
  public double[] probabilities(List<Unit> units) {
    double[] p = new double[units.size()];
    if (detector == null) {
      java.util.Arrays.fill(p, 1);
      return p;
    }
    List<PairExample> read = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      Unit u = units.get(i);
      if (!u.crossSentence() || SentenceLinks.linksBack(u.sentences().get(u.sentences().size() - 1))) {
        read.add(PairExample.detection(u.text(), false, "gate"));
        where.add(i);
      }
    }
    if (!read.isEmpty()) {
      double[] q = detector.predict(read, batchSize);
      for (int k = 0; k < q.length; k++) {
        p[where.get(k)] = q[k];
      }
    }
    return p;
  }

  /** Whether a unit with gate probability {@code p} reaches the extractor. */
  public boolean passes(double p) {
    return p >= threshold;
  }


  @Override
  public void close() {
    if (detector != null) {
      detector.close();
    }
  }
}
