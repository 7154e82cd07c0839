package org.causalworkbench.inference.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The fine-tuned part of a model on a pretrained encoder (its top encoder layers and its heads) in
 * fp16: a header, the first tuned layer, then name, shape and values of each tensor, the model's
 * calibration values last (as tensor {@value #TEMPERATURES}: for the {@link PairClassifier} its
 * heads' temperatures and detection threshold). The frozen layers are not stored; they come from
 * the pretrained checkpoint.
 */
public final class TunedWeights {

  /** The file a folder of tuned weights holds. */
  public static final String FILE = "tuned-weights.bin";
  static final String HEADER = "causal-workbench tuned weights v2 fp16";
  static final String TEMPERATURES = "calibration.temperatures";

  private TunedWeights() {}

  /** What a file held besides the tensors: the first tuned layer and the calibration values. */
  public record Loaded(int from, float[] calibration) {}

  /** The parameters that training changes when layers {@code from} and up are tuned. */
  static Map<String, Parameter> tunable(PairClassifier classifier, int from) {
    Map<String, Parameter> tuned = new LinkedHashMap<>(classifier.encoder().parametersOfLayersFromByName(from));
    classifier.hidden().getParameters().forEach(p -> tuned.put("head.hidden." + p.getKey(), p.getValue()));
    classifier.output().getParameters().forEach(p -> tuned.put("head.output." + p.getKey(), p.getValue()));
    classifier.detectHidden().getParameters().forEach(p -> tuned.put("head.detect_hidden." + p.getKey(), p.getValue()));
    classifier.detectOutput().getParameters().forEach(p -> tuned.put("head.detect_output." + p.getKey(), p.getValue()));
    return tuned;
  }

  /**
   * The bytes of {@code folder}'s tuned-weights.bin when a folder is given, else of the jar's
   * {@code resource} (weights the project ships); {@code missing} is the error when neither exists.
   *
   * @param what the weights' name in error messages ("the encoder's tuned weights")
   */
  public static byte[] bytes(Path folder, String resource, String what, String missing) {
    try {
      if (folder != null) {
        return Files.readAllBytes(folder.resolve(FILE));
      }
      try (InputStream in = resource == null ? null : TunedWeights.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalArgumentException(missing);
        }
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  public static void write(PairClassifier classifier, int from, Path file) throws IOException {
    write(tunable(classifier, from), from, new float[] {classifier.pairTemperature(),
        classifier.detectionTemperature(), classifier.detectionThreshold()}, file);
  }

  /** Writes {@code tuned} (the parameters of layers {@code from} and up, and the heads) and {@code calibration}. */
  public static void write(Map<String, Parameter> tuned, int from, float[] calibration, Path file) throws IOException {
    try (DataOutputStream data = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      data.writeUTF(HEADER);
      data.writeInt(from);
      data.writeInt(tuned.size() + 1);
      for (Map.Entry<String, Parameter> p : tuned.entrySet()) {
        NDArray array = p.getValue().getArray();
        data.writeUTF(p.getKey());
        long[] shape = array.getShape().getShape();
        data.writeInt(shape.length);
        for (long d : shape) {
          data.writeLong(d);
        }
        for (float v : array.toFloatArray()) {
          data.writeShort(Half.fromFloat(v));
        }
      }
      data.writeUTF(TEMPERATURES);
      data.writeInt(1);
      data.writeLong(calibration.length);
      for (float v : calibration) {
        data.writeShort(Half.fromFloat(v));
      }
    }
  }

  /** Loads tuned weights into an initialized classifier; returns the first tuned layer. */
  public static int load(PairClassifier classifier, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return load(classifier, in, file.toString());
    }
  }

  /** Loads tuned weights from a stream (a jar resource); {@code file} names it in errors. */
  public static int load(PairClassifier classifier, InputStream in, String file) throws IOException {
    Loaded loaded = load(from -> tunable(classifier, from), in, file);
    float[] c = loaded.calibration();
    if (c.length == 2 || c.length == 3) {
      classifier.setTemperatures(c[0], c[1]);
      if (c.length == 3) {
        classifier.setDetectionThreshold(c[2]);
      }
    }
    return loaded.from();
  }

  /**
   * Loads tuned weights into the parameters {@code targets} gives for the file's first tuned layer;
   * every one of them must be in the file, shaped alike.
   */
  public static Loaded load(IntFunction<Map<String, Parameter>> targets, InputStream in, String file)
      throws IOException {
    try (DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
      String header = data.readUTF();
      if (!HEADER.equals(header)) {
        throw new IOException(file + " is not a tuned-weights file (header '" + header + "')");
      }
      int from = data.readInt();
      Map<String, Parameter> open = new LinkedHashMap<>(targets.apply(from));
      float[] calibration = new float[0];
      int count = data.readInt();
      for (int i = 0; i < count; i++) {
        String name = data.readUTF();
        long[] shape = new long[data.readInt()];
        for (int d = 0; d < shape.length; d++) {
          shape[d] = data.readLong();
        }
        float[] values = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int v = 0; v < values.length; v++) {
          values[v] = Half.toFloat(data.readShort());
        }
        if (name.equals(TEMPERATURES)) {
          calibration = values;
          continue;
        }
        Parameter target = open.get(name);
        if (target == null || !Arrays.equals(target.getArray().getShape().getShape(), shape)) {
          throw new IOException(file + ": tensor " + name + " " + Arrays.toString(shape) + " fits no parameter of this"
              + " model");
        }
        target.getArray().set(FloatBuffer.wrap(values));
        open.remove(name);
      }
      if (!open.isEmpty()) {
        // Same width, fewer layers: a 6-layer encoder's weights would otherwise fit the bottom of a 12-layer one.
        throw new IOException(file + " tunes layers from " + from + " but holds no " + open.keySet().iterator().next()
            + ": it was trained on another encoder or for another task; use weights trained with this encoder.model");
      }
      return new Loaded(from, calibration);
    }
  }
}
