package org.causalworkbench.inference.encoder;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.lifecycle.Closing;

/**
 * What the encoder judge runs: one fine-tuned encoder ({@code encoder.model} with
 * {@code encoder.weights}), or, with {@code encoder.ensemble} set, several whose calibrated
 * probabilities are averaged, with the detection threshold fitted for the average. Averaging
 * members trained apart cancels part of each one's run-to-run noise; it costs the sum of their
 * forward passes.
 */
public final class EncoderEnsemble implements AutoCloseable {

  /** The ensemble the workbench ships, selected by {@code encoder.ensemble=bundled}. */
  static final String BUNDLED = "bundled";
  static final String BUNDLED_RESOURCE = "/encoder/ensemble/" + EnsembleSpec.FILE;

  private final List<EncoderModel> members;
  private final float detectionThreshold;
  private final String versionSuffix;

  private EncoderEnsemble(List<EncoderModel> members, float detectionThreshold, String versionSuffix) {
    this.members = List.copyOf(members);
    this.detectionThreshold = detectionThreshold;
    this.versionSuffix = versionSuffix;
  }

  /** Opens the configured encoder or ensemble on {@code device}. */
  public static EncoderEnsemble fromConfig(WorkbenchConfig config, Device device) {
    Path cache = cacheDir(config);
    int maxLength = config.getInt(WorkbenchOptions.ENCODER_MAX_LENGTH);
    if (!config.isSet(WorkbenchOptions.ENCODER_ENSEMBLE)) {
      PretrainedEncoder base = PretrainedEncoder.fromConfig(config, cache);
      Path folder = config.isSet(WorkbenchOptions.ENCODER_WEIGHTS) ? config.getPath(WorkbenchOptions.ENCODER_WEIGHTS)
          : null;
      EncoderModel model = EncoderModel.open(base, weights(base, folder, "set encoder.weights to a folder written by"
          + " ./workbench train on that encoder"), "the encoder's tuned weights", device, maxLength);
      return new EncoderEnsemble(List.of(model), model.detectionThreshold(), "");
    }
    String configured = config.get(WorkbenchOptions.ENCODER_ENSEMBLE).trim();
    EnsembleSpec spec;
    Path folder;
    if (configured.toLowerCase(Locale.ROOT).equals(BUNDLED)) {
      folder = null;
      try (InputStream in = EncoderEnsemble.class.getResourceAsStream(BUNDLED_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("no bundled ensemble in this build (" + BUNDLED_RESOURCE + ")");
        }
        spec = EnsembleSpec.read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the bundled ensemble: " + e.getMessage(), e);
      }
    } else {
      folder = config.getPath(WorkbenchOptions.ENCODER_ENSEMBLE);
      spec = EnsembleSpec.read(folder);
    }
    return open(spec, folder, config, device);
  }

  /**
   * Opens {@code spec}'s members; relative weight folders resolve against {@code folder} (null for
   * the bundled ensemble, whose members use shipped weights).
   */
  static EncoderEnsemble open(EnsembleSpec spec, Path folder, WorkbenchConfig config, Device device) {
    // The threshold was fitted on texts cut at the spec's length; read them the same way.
    WorkbenchConfig fitted = config.with(WorkbenchOptions.ENCODER_MAX_LENGTH, Integer.toString(spec.maxLength()));
    List<EncoderModel> members = new ArrayList<>();
    try {
      for (EnsembleSpec.Member member : spec.members()) {
        members.add(openMember(member, folder, fitted, device));
      }
    } catch (RuntimeException | Error e) {
      Closing.closeAll(members);
      throw e;
    }
    return new EncoderEnsemble(members, spec.detectionThreshold(),
        String.format(Locale.ROOT, "@%.2f", spec.detectionThreshold()));
  }

  /**
   * One member with its weights: the folder given, else those shipped for its bundled encoder. A
   * relative path (model or weights) resolves against the ensemble's {@code folder} when given. A
   * local member's tokenizer and attention heads come from {@code encoder.tokenizer} (by default
   * the tokenizer.json beside it) and {@code encoder.heads}, as for a single encoder.
   */
  public static EncoderModel openMember(EnsembleSpec.Member member, Path folder, WorkbenchConfig config,
      Device device) {
    String model = BundledEncoder.named(member.model()).isPresent() ? member.model()
        : resolve(member.model(), folder).toString();
    PretrainedEncoder base = PretrainedEncoder.fromConfig(config.with(WorkbenchOptions.ENCODER_MODEL, model),
        cacheDir(config));
    Path weights = member.weights() == null ? null : resolve(member.weights(), folder);
    return EncoderModel.open(base, weights(base, weights, "give it as " + member.model() + "=DIR in ./workbench train"
        + " --members, or set its weights in ensemble.json"), "the tuned weights of ensemble member "
        + member.model(), device, config.getInt(WorkbenchOptions.ENCODER_MAX_LENGTH));
  }

  /**
   * The training report of a member's weights: training-report.json beside them, or the one shipped
   * with a bundled encoder's weights; null when there is none.
   */
  public static TrainingReport memberReport(EnsembleSpec.Member member, Path folder) throws IOException {
    if (member.weights() != null) {
      Path file = resolve(member.weights(), folder).resolve(TrainingReport.FILE);
      return Files.isRegularFile(file) ? TrainingReport.read(Files.readAllBytes(file)) : null;
    }
    String shipped = BundledEncoder.named(member.model()).map(BundledEncoder::shippedReport).orElse(null);
    if (shipped == null) {
      return null;
    }
    try (InputStream in = EncoderEnsemble.class.getResourceAsStream(shipped)) {
      return in == null ? null : TrainingReport.read(in.readAllBytes());
    }
  }

  /** Where bundled encoders' files are copied when a path is needed. */
  public static Path cacheDir(WorkbenchConfig config) {
    return config.getPath(WorkbenchOptions.DATA_DIR).resolve("cache").resolve("encoder");
  }

  private static Path resolve(String path, Path folder) {
    Path p = Path.of(path);
    return p.isAbsolute() || folder == null ? p : folder.resolve(p).normalize();
  }

  /** {@code folder}'s tuned-weights.bin, else the weights shipped for a bundled encoder. */
  private static byte[] weights(PretrainedEncoder base, Path folder, String hint) {
    return TunedWeights.bytes(folder, base.shippedWeights(), "the encoder's tuned weights",
        "no tuned weights ship for " + base.name() + ": " + hint);
  }

  /**
   * Averaged calibrated probability of "causal" for each example, in order. Examples are read in
   * batches of similar length, since every batch is padded to its longest text.
   */
  public double[] predict(List<PairExample> examples, int batchSize) {
    Integer[] order = new Integer[examples.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> examples.get(i).text().length()));
    List<PairExample> sorted = new ArrayList<>(examples.size());
    for (int i : order) {
      sorted.add(examples.get(i));
    }
    double[] p;
    if (members.size() == 1) {
      p = members.get(0).predict(sorted, batchSize);
    } else {
      List<double[]> each = new ArrayList<>(members.size());
      for (EncoderModel member : members) {
        each.add(member.predict(sorted, batchSize));
      }
      p = mean(each);
    }
    double[] out = new double[p.length];
    for (int k = 0; k < order.length; k++) {
      out[order[k]] = p[k];
    }
    return out;
  }

  /** The element-wise mean of the members' probabilities. */
  static double[] mean(List<double[]> probabilities) {
    double[] out = new double[probabilities.get(0).length];
    for (double[] p : probabilities) {
      for (int i = 0; i < out.length; i++) {
        out[i] += p[i] / probabilities.size();
      }
    }
    return out;
  }

  /** Averaged detection probabilities at or above this say "causal". */
  public float detectionThreshold() {
    return detectionThreshold;
  }

  public List<EncoderModel> members() {
    return members;
  }

  /**
   * For the judge's version: the encoders and digests of their weights (and an ensemble's threshold),
   * so a new model is a new version.
   */
  public String version() {
    return members.stream().map(m -> m.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-"
        + m.weightsId()).collect(Collectors.joining("+")) + versionSuffix;
  }

  /** For logs: "all-MiniLM-L6-v2 (6 layers)", members joined by " + ". */
  public String describe() {
    return members.stream().map(m -> m.name() + " (" + m.layers() + " layers)").collect(Collectors.joining(" + "));
  }

  @Override
  public void close() {
    Closing.closeAll(members);
  }

}
