package org.causalworkbench.inference.tagger;

import java.nio.file.Path;
import java.util.Locale;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.inference.encoder.EncoderEnsemble;

/**
 * The span tagger's settings, read once from configuration (the {@code tagger.*} keys).
 *
 * @param model a bundled encoder's name or a local encoder's path
 * @param weights a folder of tuned weights, or null for the shipped ones
 * @param threshold the span threshold to decode with, or 0 for the one fitted with the weights
 * @param cacheDir where bundled encoders' files are copied when a path is needed
 * @param runtime {@code auto}, {@code onnx-int8} or {@code pytorch}
 */
public record TaggerSettings(String model, Path weights, int maxLength, int batchSize, double threshold,
    Path cacheDir, Runtime runtime, WorkbenchConfig config) {

  /** How the tagger runs (the {@code tagger.runtime} key). */
  public enum Runtime {
    AUTO, ONNX_INT8, PYTORCH;

    static Runtime parse(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      return switch (v) {
        case "auto" -> AUTO;
        case "onnx-int8" -> ONNX_INT8;
        case "pytorch" -> PYTORCH;
        default -> throw new IllegalArgumentException("tagger.runtime must be auto, onnx-int8 or pytorch, got '"
            + value + "'");
      };
    }
  }

  public static TaggerSettings from(WorkbenchConfig config) {
    return new TaggerSettings(config.get(WorkbenchOptions.TAGGER_MODEL),
        config.isSet(WorkbenchOptions.TAGGER_WEIGHTS) ? config.getPath(WorkbenchOptions.TAGGER_WEIGHTS) : null,
        config.getInt(WorkbenchOptions.TAGGER_MAX_LENGTH), Math.max(1, config.getInt(WorkbenchOptions.TAGGER_BATCH_SIZE)),
        config.isSet(WorkbenchOptions.TAGGER_THRESHOLD) ? config.getDouble(WorkbenchOptions.TAGGER_THRESHOLD) : 0,
        EncoderEnsemble.cacheDir(config), Runtime.parse(config.get(WorkbenchOptions.TAGGER_RUNTIME)), config);
  }
}
