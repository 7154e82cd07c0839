package org.causalworkbench.inference.encoder;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Mention;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.inference.judge.CausalDetector;
import org.causalworkbench.inference.judge.CausalJudge;
import org.causalworkbench.inference.judge.Detection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code encoder} judge: the fine-tuned pair classifier scores each candidate pair both ways,
 * p(first causes second) and p(second causes first), and its detection head scores the pair's unit,
 * u = p(the unit states a cause). With the unit gate on ({@code encoder.unit-threshold} above 0),
 * the pair's probability is min(stronger direction, u): a pair is only as causal as the text
 * around it. The stronger direction is the verdict when that reaches {@code encoder.threshold} and
 * u reaches the gate, else {@code none}. As a detector it answers with u for the whole text. Runs
 * on the GPU when DJL finds one. With {@code encoder.ensemble} set, each probability is the average of
 * several fine-tuned encoders' ({@link EncoderEnsemble}).
 */
public final class EncoderJudge implements CausalJudge, CausalDetector {

  private static final Logger LOG = LoggerFactory.getLogger(EncoderJudge.class);
  private final Device device;
  private final EncoderEnsemble model;
  private final double threshold;
  private final double unitThreshold;
  private final int batchSize;

  public EncoderJudge(WorkbenchConfig config) {
    this.threshold = config.getDouble(WorkbenchOptions.ENCODER_THRESHOLD);
    this.unitThreshold = config.getDouble(WorkbenchOptions.ENCODER_UNIT_THRESHOLD);
    this.batchSize = config.getInt(WorkbenchOptions.ENCODER_BATCH_SIZE);
    this.device = EncoderModel.preferredDevice();
    this.model = EncoderEnsemble.fromConfig(config, device); // last: nothing after it can fail and leak it
    LOG.info("encoder judge: {} on {} (PyTorch engine; GPU when DJL finds CUDA, see README)", model.describe(),
        device);
  }

  /** Where the model runs. */
  public Device device() {
    return device;
  }

  @Override
  public String id() {
    return "encoder";
  }

  @Override
  public String version() {
    return model.version();
  }

  @Override
  public List<Verdict> judge(List<CandidatePair> batch) {
    List<PairExample> examples = new ArrayList<>(batch.size() * 2 + 8);
    for (CandidatePair pair : batch) {
      examples.add(example(pair, pair.first(), pair.second()));
      examples.add(example(pair, pair.second(), pair.first()));
    }
    // One detection example per distinct unit of the batch (pairs of a unit arrive together).
    Map<String, Integer> unitIndex = new HashMap<>();
    for (CandidatePair pair : batch) {
      if (unitThreshold > 0 && !unitIndex.containsKey(pair.unit().id())) {
        unitIndex.put(pair.unit().id(), examples.size());
        examples.add(PairExample.detection(pair.unit().text(), false, "job"));
      }
    }
    double[] p = model.predict(examples, batchSize);
    List<Verdict> verdicts = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Integer u = unitIndex.get(batch.get(i).unit().id());
      verdicts.add(verdict(batch.get(i), p[2 * i], p[2 * i + 1], u == null ? Double.NaN : p[u]));
    }
    return verdicts;
  }

  /** The detection head's probability that {@code text} states a causal relation. */
  public double unitProbability(String text) {
    return model.predict(List.of(PairExample.detection(text, false, "eval")), 1)[0];
  }

  @Override
  public CompletableFuture<Detection> detect(String text) {
    double p = unitProbability(text);
    return CompletableFuture.completedFuture(Detection.of(p >= model.detectionThreshold(), p));
  }

  /** The pair's unit text, with the spans given relative to it. */
  private static PairExample example(CandidatePair pair, Mention cause, Mention effect) {
    var unit = pair.unit();
    return new PairExample(unit.text(), unit.offsetOf(cause.span().begin()), unit.offsetOf(cause.span().end()),
        unit.offsetOf(effect.span().begin()), unit.offsetOf(effect.span().end()), false, "job");
  }

  private Verdict verdict(CandidatePair pair, double forward, double backward, double unit) {
    boolean isForward = forward >= backward;
    boolean gated = !Double.isNaN(unit);
    double p = gated ? Math.min(Math.max(forward, backward), unit) : Math.max(forward, backward);
    boolean causal = p >= threshold && (!gated || unit >= unitThreshold);
    CausalLabel label = !causal ? CausalLabel.NONE
        : isForward ? CausalLabel.CAUSE_TO_EFFECT : CausalLabel.EFFECT_TO_CAUSE;
    Mention cause = label == CausalLabel.EFFECT_TO_CAUSE ? pair.second() : pair.first();
    Mention effect = label == CausalLabel.EFFECT_TO_CAUSE ? pair.first() : pair.second();
    String why = String.format(Locale.ROOT, "encoder: p('%s' causes '%s') = %.3f, p('%s' causes '%s') = %.3f",
        pair.first().span().text(), pair.second().span().text(), forward, pair.second().span().text(),
        pair.first().span().text(), backward) + (gated ? String.format(Locale.ROOT,
        "; p(the text states a cause) = %.3f", unit) : "");
    String documentId = pair.unit().documentId();
    return new Verdict(ContentIds.evidenceId(documentId, pair.first().span(), pair.second().span(), id(), version()),
        pair.id(), documentId, pair.unit().id(), pair.unit().sentenceIndexes(), label, p, id(), version(), cause.span(),
        effect.span(), cause.variable(), effect.variable(), why, Set.of());
  }

  @Override
  public void close() {
    model.close();
  }
}
