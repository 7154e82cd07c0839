package org.causalworkbench.inference.gate;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.inference.cascade.CascadeExtractor;
import org.causalworkbench.inference.cue.SentenceLinks;
import org.causalworkbench.inference.encoder.EncoderEnsemble;
import org.causalworkbench.inference.encoder.EncoderModel;
import org.causalworkbench.inference.encoder.PairExample;
import org.causalworkbench.inference.judge.CausalExtractor;
import org.causalworkbench.inference.judge.UnionExtractor;
import org.causalworkbench.inference.tagger.SpanTagger;
import org.causalworkbench.inference.tagger.SpanTags;
import org.causalworkbench.inference.tagger.TaggerExtractor;
import org.causalworkbench.inference.tagger.TaggerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which units reach the extractor, so units that state nothing causal never cost a model
 * call. Each unit gets a probability of stating a cause, and passes at {@code
 * extraction.gate.threshold} or above, a threshold chosen for recall, not for F1: a causal sentence
 * the gate drops is lost, a plain one it passes only costs an extractor's reading. The probability
 * comes from {@code extraction.gate}:
 *
 * <ul>
 *   <li>{@code tagger}: the span tagger's presence score (how sure it is that any cause or effect
 *       is there). When the extractor holds the tagger, the gate reads with the same model and the
 *       extractor gets the gate's reading back ({@link SpanTagger#tag(List)}): one pass per unit;
 *   <li>{@code encoder}: the encoder's detection head (or the ensemble's averaged head, with {@code
 *       encoder.ensemble}): a second model and a second pass;
 *   <li>{@code none}: every unit passes.
 * </ul>
 *
 * A two-sentence unit also needs its second sentence to link back to the first ({@link
 * SentenceLinks}); others are not read by the model at all.
 */
public final class UnitGate implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UnitGate.class);

  /**
   * The thresholds that keep 95% of causal texts on the held-out split of each gate's training
   * files (docs/extraction.md, "The gate"), used when {@code extraction.gate.threshold} is empty.
   */
  static final double ENCODER_THRESHOLD = 0.13;
  static final double TAGGER_THRESHOLD = 0.11;

  private final Function<List<String>, double[]> reader;
  private final AutoCloseable owned;
  private final double threshold;
  private final String describe;

  private UnitGate(Function<List<String>, double[]> reader, AutoCloseable owned, double threshold, String describe) {
    this.reader = reader;
    this.owned = owned;
    this.threshold = threshold;
    this.describe = describe;
  }

  /** The configured gate with models of its own (evaluation; the async extract path). */
  public static UnitGate fromConfig(WorkbenchConfig config) {
    return fromConfig(config, null);
  }

  /**
   * The configured gate; a tagger gate reads with {@code extractor}'s span tagger when it has one
   * (and leaves closing it to the extractor), else opens its own.
   */
  public static UnitGate fromConfig(WorkbenchConfig config, CausalExtractor extractor) {
    String type = config.get(WorkbenchOptions.GATE).trim().toLowerCase(Locale.ROOT);
    switch (type) {
      case "none" -> {
        return new UnitGate(null, null, 0, "none");
      }
      case "encoder" -> {
        double threshold = threshold(config, ENCODER_THRESHOLD);
        Device device = EncoderModel.preferredDevice();
        EncoderEnsemble detector = EncoderEnsemble.fromConfig(config, device);
        int batchSize = config.getInt(WorkbenchOptions.ENCODER_BATCH_SIZE);
        LOG.info("unit gate: detection head of {} on {}, threshold {}", detector.describe(), device, threshold);
        return new UnitGate(texts -> detector.predict(texts.stream()
            .map(t -> PairExample.detection(t, false, "gate")).toList(), batchSize), detector, threshold,
            detector.version() + String.format(Locale.ROOT, "@%.2f", threshold));
      }
      case "tagger" -> {
        double threshold = threshold(config, TAGGER_THRESHOLD);
        SpanTagger shared = extractor == null ? null : taggerOf(extractor);
        SpanTagger tagger = shared != null ? shared
            : SpanTagger.open(TaggerSettings.from(config), EncoderModel.preferredDevice());
        LOG.info("unit gate: presence score of the span tagger {}{}, threshold {}", tagger.describe(),
            shared != null ? " (the extractor's: one reading per unit)" : "", threshold);
        return new UnitGate(texts -> presence(tagger.tag(texts)), shared != null ? null : tagger, threshold,
            "tagger-" + tagger.version() + String.format(Locale.ROOT, "@%.2f", threshold));
      }
      default -> throw new IllegalArgumentException("extraction.gate must be tagger, encoder or none, not '" + type + "'");
    }
  }

  private static double threshold(WorkbenchConfig config, double fitted) {
    return config.isSet(WorkbenchOptions.GATE_THRESHOLD) ? config.getDouble(WorkbenchOptions.GATE_THRESHOLD) : fitted;
  }

  private static SpanTagger taggerOf(CausalExtractor extractor) {
    if (extractor instanceof TaggerExtractor t) {
      return t.spanTagger();
    }
    if (extractor instanceof CascadeExtractor c) {
      return c.tagger().spanTagger();
    }
    if (extractor instanceof UnionExtractor u) {
      for (CausalExtractor member : u.members()) {
        SpanTagger found = taggerOf(member);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static double[] presence(List<SpanTags.Decoded> decoded) {
    return decoded.stream().mapToDouble(SpanTags.Decoded::presence).toArray();
  }

  public double threshold() {
    return threshold;
  }

  /** For the judge's version and logs: the reader and its threshold, or "none". */
  public String describe() {
    return describe;
  }

  /**
   * Each unit's probability of stating a cause: the reader's, 0 for a two-sentence unit whose second
   * sentence does not link back (not read by the model), 1 for every unit without a gate.
   */
  public double[] probabilities(List<Unit> units) {
    double[] p = new double[units.size()];
    if (reader == null) {
      Arrays.fill(p, 1);
      return p;
    }
    List<String> read = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      Unit u = units.get(i);
      if (!u.crossSentence() || SentenceLinks.linksBack(u.sentences().get(u.sentences().size() - 1))) {
        read.add(u.text());
        where.add(i);
      }
    }
    if (!read.isEmpty()) {
      double[] q = reader.apply(read);
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

  /** The units of {@code batch} that reach the extractor, in order. */
  public List<Unit> pass(List<Unit> batch) {
    double[] p = probabilities(batch);
    List<Unit> kept = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      if (passes(p[i])) {
        kept.add(batch.get(i));
      }
    }
    return kept;
  }

  @Override
  public void close() {
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        LOG.warn("closing the unit gate's model failed: {}", e.toString());
      }
    }
  }
}
