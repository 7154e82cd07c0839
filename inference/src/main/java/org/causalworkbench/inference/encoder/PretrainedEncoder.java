package org.causalworkbench.inference.encoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;

/**
 * The pretrained encoder the classifier starts from: a BERT-style ONNX export and its
 * {@code tokenizer.json}. By default all-MiniLM-L6-v2 from the Maven artifact; {@code encoder.model}
 * and {@code encoder.tokenizer} name any other local export (HF Optimum layout), whose shape is read
 * from its initializers ({@code encoder.heads} gives the attention heads, which the weights do not
 * show). Tuned weights only load onto the encoder they were trained on; shapes are checked.
 *
 * @param name shown in logs and training reports
 */
public record PretrainedEncoder(String name, byte[] onnx, Path tokenizer, EncoderConfig config) {

  private static final Pattern LAYER = Pattern.compile("^/encoder/layer\\.(\\d+)/");

  /** The configured encoder; bundled files are copied to {@code cacheDir} when a path is needed. */
  public static PretrainedEncoder fromConfig(WorkbenchConfig config, Path cacheDir) {
    if (!config.isSet(WorkbenchOptions.ENCODER_MODEL)) {
      return new PretrainedEncoder("all-MiniLM-L6-v2", EncoderTrainer.minilmOnnx(),
          PairTokenizer.resourceFile(PairTokenizer.MINILM_TOKENIZER, cacheDir), EncoderConfig.MINILM_L6);
    }
    Path model = config.getPath(WorkbenchOptions.ENCODER_MODEL);
    Path tokenizer = config.isSet(WorkbenchOptions.ENCODER_TOKENIZER) ? config.getPath(WorkbenchOptions.ENCODER_TOKENIZER)
        : model.resolveSibling("tokenizer.json");
    if (!Files.isRegularFile(tokenizer)) {
      throw new IllegalArgumentException("no tokenizer for " + model + ": set encoder.tokenizer to its tokenizer.json"
          + " (looked for " + tokenizer + ")");
    }
    try {
      byte[] onnx = Files.readAllBytes(model);
      return new PretrainedEncoder(model.getFileName().toString(), onnx, tokenizer,
          shapeOf(OnnxInitializers.read(onnx), config.getInt(WorkbenchOptions.ENCODER_HEADS), model.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read encoder.model " + model + ": " + e.getMessage(), e);
    }
  }

  /** A BERT-style encoder's shape, from its ONNX initializers. */
  static EncoderConfig shapeOf(OnnxInitializers onnx, int heads, String source) {
    try {
      long[] word = onnx.get("embeddings.word_embeddings.weight").dims();
      long[] positions = onnx.get("embeddings.position_embeddings.weight").dims();
      long[] types = onnx.get("embeddings.token_type_embeddings.weight").dims();
      TreeSet<Integer> layers = new TreeSet<>();
      int intermediate = -1;
      for (OnnxInitializers.MatMul m : onnx.matMuls()) {
        Matcher layer = m.output() == null ? null : LAYER.matcher(m.output());
        if (layer != null && layer.find()) {
          layers.add(Integer.parseInt(layer.group(1)));
          if (m.output().contains("/intermediate/dense/") && m.inputs().size() > 1
              && onnx.tensors().containsKey(m.inputs().get(1))) {
            intermediate = (int) onnx.tensors().get(m.inputs().get(1)).dims()[1];
          }
        }
      }
      int hidden = (int) word[1];
      if (layers.isEmpty() || intermediate < 0 || hidden % heads != 0) {
        throw new IllegalArgumentException("found " + layers.size() + " layers, intermediate size " + intermediate
            + ", hidden " + hidden + " for " + heads + " heads");
      }
      return new EncoderConfig((int) word[0], hidden, heads, layers.last() + 1, intermediate, (int) positions[0],
          (int) types[0], 1e-12f);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(source + " is not a BERT-style ONNX export the workbench can rebuild ("
          + e.getMessage() + "); export it with HF Optimum, or set encoder.heads if the head count differs", e);
    }
  }
}
