package org.causalworkbench.inference.encoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;

/**
 * The pretrained encoder the classifier starts from: its weights and its {@code tokenizer.json}. By
 * default all-MiniLM-L6-v2 from its Maven artifact; {@code encoder.model} names another
 * {@link BundledEncoder}, or a local ONNX export (HF Optimum layout, {@code .onnx}) or TorchScript
 * module (any other file, read through the PyTorch engine), whose shape is read from its weights
 * ({@code encoder.heads} gives the attention heads, which the weights do not show). Tuned weights
 * only load onto the encoder they were trained on; shapes are checked.
 *
 * @param name shown in logs and training reports
 * @param shippedWeights the resource of the project's tuned weights for a bundled encoder, else null
 * @param onnx the ONNX export's bytes (the encoder benchmark runs it in ONNX Runtime), null for TorchScript
 */
public record PretrainedEncoder(String name, Checkpoint checkpoint, Path tokenizer, EncoderConfig config,
    String shippedWeights, byte[] onnx) {

  /** The configured encoder; bundled files are copied to {@code cacheDir} when a path is needed. */
  public static PretrainedEncoder fromConfig(WorkbenchConfig config, Path cacheDir) {
    String configured = config.get(WorkbenchOptions.ENCODER_MODEL);
    Optional<BundledEncoder> bundled = configured.isBlank() ? Optional.of(BundledEncoder.MINILM_L6)
        : BundledEncoder.named(configured);
    if (bundled.isPresent()) {
      BundledEncoder b = bundled.get();
      byte[] onnx = b.onnx();
      return new PretrainedEncoder(b.modelName(), Checkpoint.fromOnnx(onnx), b.tokenizer(cacheDir), b.config(),
          b.shippedWeights(), onnx);
    }
    Path model = config.getPath(WorkbenchOptions.ENCODER_MODEL);
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException("encoder.model " + model + " is neither a bundled encoder ("
          + BundledEncoder.names() + ") nor a file");
    }
    Path tokenizer = config.isSet(WorkbenchOptions.ENCODER_TOKENIZER) ? config.getPath(WorkbenchOptions.ENCODER_TOKENIZER)
        : model.resolveSibling("tokenizer.json");
    if (!Files.isRegularFile(tokenizer)) {
      throw new IllegalArgumentException("no tokenizer for " + model + ": set encoder.tokenizer to its tokenizer.json"
          + " (looked for " + tokenizer + ")");
    }
    int heads = config.getInt(WorkbenchOptions.ENCODER_HEADS);
    String name = model.getFileName().toString();
    if (name.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
      try {
        byte[] onnx = Files.readAllBytes(model);
        Checkpoint checkpoint = Checkpoint.fromOnnx(onnx);
        return new PretrainedEncoder(name, checkpoint, tokenizer, checkpoint.shape(heads, model.toString()), null, onnx);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read encoder.model " + model + ": " + e.getMessage(), e);
      }
    }
    Checkpoint checkpoint = Checkpoint.fromTorchScript(model);
    return new PretrainedEncoder(name, checkpoint, tokenizer, checkpoint.shape(heads, model.toString()), null, null);
  }
}
