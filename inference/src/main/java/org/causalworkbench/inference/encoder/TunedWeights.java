package org.causalworkbench.inference.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fine-tuned part of a {@link PairClassifier} (its top encoder layers and both heads) in fp16:
 * a header, the first tuned layer, then name, shape and values of each tensor, the heads'
 * temperatures and detection threshold last (as tensor {@value #TEMPERATURES}). The frozen layers are not stored; they come
 * from the pretrained checkpoint.
 */
public final class TunedWeights {

  /** The file a folder of tuned weights holds. */
  public static final String FILE = "tuned-weights.bin";
  static final String HEADER = "causal-workbench tuned weights v2 fp16";
  static final String TEMPERATURES = "calibration.temperatures";

  private TunedWeights() {}

  /** The parameters that training changes when layers {@code from} and up are tuned. */
  static Map<String, Parameter> tunable(PairClassifier classifier, int from) {
    Map<String, Parameter> tuned = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> p : classifier.encoder().parametersByCheckpointName().entrySet()) {
      if (p.getKey().startsWith("encoder.layer.") && Integer.parseInt(p.getKey().split("\\.")[2]) >= from) {
        tuned.put(p.getKey(), p.getValue());
      }
    }
    classifier.hidden().getParameters().forEach(p -> tuned.put("head.hidden." + p.getKey(), p.getValue()));
    classifier.output().getParameters().forEach(p -> tuned.put("head.output." + p.getKey(), p.getValue()));
    classifier.detectHidden().getParameters().forEach(p -> tuned.put("head.detect_hidden." + p.getKey(), p.getValue()));
    classifier.detectOutput().getParameters().forEach(p -> tuned.put("head.detect_output." + p.getKey(), p.getValue()));
    return tuned;
  }

  public static void write(PairClassifier classifier, int from, Path file) throws IOException {
    Map<String, Parameter> tuned = tunable(classifier, from);
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
      data.writeLong(3);
      data.writeShort(Half.fromFloat(classifier.pairTemperature()));
      data.writeShort(Half.fromFloat(classifier.detectionTemperature()));
      data.writeShort(Half.fromFloat(classifier.detectionThreshold()));
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
    try (DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
      String header = data.readUTF();
      if (!HEADER.equals(header)) {
        throw new IOException(file + " is not a tuned-weights file (header '" + header + "')");
      }
      int from = data.readInt();
      Map<String, Parameter> targets = tunable(classifier, from);
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
        if (name.equals(TEMPERATURES) && (values.length == 2 || values.length == 3)) {
          classifier.setTemperatures(values[0], values[1]);
          if (values.length == 3) {
            classifier.setDetectionThreshold(values[2]);
          }
          continue;
        }
        Parameter target = targets.get(name);
        if (target == null || !Arrays.equals(target.getArray().getShape().getShape(), shape)) {
          throw new IOException(file + ": tensor " + name + " " + Arrays.toString(shape) + " fits no parameter of this"
              + " classifier");
        }
        target.getArray().set(FloatBuffer.wrap(values));
        targets.remove(name);
      }
      if (!targets.isEmpty()) {
        // Same width, fewer layers: a 6-layer encoder's weights would otherwise fit the bottom of a 12-layer one.
        throw new IOException(file + " tunes layers from " + from + " but holds no " + targets.keySet().iterator().next()
            + ": it was trained on another encoder; use weights trained with this encoder.model");
      }
      return from;
    }
  }
}
