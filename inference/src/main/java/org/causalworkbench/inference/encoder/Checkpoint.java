package org.causalworkbench.inference.encoder;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BERT-style encoder's pretrained weights by their Hugging Face checkpoint names
 * ({@code encoder.layer.3.output.dense.weight}), linear weights as [out, in], read from an ONNX
 * export or a TorchScript module. {@link TransformerEncoder#loadWeights} copies them in, and
 * {@link #shape} reads the encoder's shape from them.
 */
public record Checkpoint(Map<String, Tensor> tensors) {

  /** One named weight: its dimensions and values, row-major. */
  public record Tensor(long[] dims, float[] values) {}

  private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.");
  /** Where a checkpoint name starts inside a longer one ({@code bert.encoder.layer.0...}). */
  private static final Pattern START = Pattern.compile("(?:^|\\.)((?:embeddings|encoder\\.layer)\\..*)$");

  public Tensor get(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no weights named " + name);
    }
    return t;
  }

  /**
   * The weights of an ONNX export. ONNX keeps linear weights as anonymous [in, out] MatMul inputs;
   * the MatMul node's output name says which layer it is
   * ({@code /encoder/layer.0/attention/self/query/MatMul_output_0}).
   */
  public static Checkpoint fromOnnx(byte[] model) {
    OnnxInitializers onnx = OnnxInitializers.read(model);
    Map<String, Tensor> out = new LinkedHashMap<>();
    // Named initializers only: the anonymous MatMul inputs are kept once, transposed, below.
    onnx.tensors().values().stream().filter(t -> START.matcher(t.name()).find())
        .forEach(t -> put(out, t.name(), t.dims(), t.values()));
    for (OnnxInitializers.Node m : onnx.matMuls()) {
      String weight = m.inputs().size() > 1 ? m.inputs().get(1) : null;
      if (weight == null || !onnx.tensors().containsKey(weight) || m.output() == null) {
        continue;
      }
      OnnxInitializers.Tensor t = onnx.tensors().get(weight);
      if (t.dims().length == 2) {
        put(out, matMulWeightName(m.output()), new long[] {t.dims()[1], t.dims()[0]},
            transpose(t.values(), (int) t.dims()[0], (int) t.dims()[1]));
      }
    }
    return new Checkpoint(out);
  }

  /**
   * The parameters of a TorchScript module (a traced or scripted Hugging Face BERT-style model),
   * read through DJL's PyTorch engine. Names may carry a prefix ({@code bert.}); it is dropped.
   */
  public static Checkpoint fromTorchScript(Path file) {
    // Read on the CPU: a module traced on a GPU still loads where there is none.
    Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
        .optModelPath(file).optEngine("PyTorch").optDevice(Device.cpu()).optOption("mapLocation", "true").build();
    try (ZooModel<NDList, NDList> model = criteria.loadModel()) {
      Map<String, Tensor> out = new LinkedHashMap<>();
      for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
        NDArray a = p.getValue().getArray();
        try (NDArray f = a.toType(DataType.FLOAT32, true)) {
          put(out, p.getKey(), a.getShape().getShape(), f.toFloatArray());
        }
      }
      return new Checkpoint(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TorchScript model " + file + ": " + e.getMessage(), e);
    } catch (ModelNotFoundException | MalformedModelException e) {
      throw new IllegalArgumentException(file + " is not a TorchScript module the PyTorch engine can load ("
          + e.getMessage() + "); a state dict (pytorch_model.bin, safetensors) is not one: export the model with"
          + " torch.jit.trace, or give an ONNX export (.onnx)", e);
    }
  }

  private static void put(Map<String, Tensor> out, String name, long[] dims, float[] values) {
    String key = checkpointName(name);
    if (out.put(key, new Tensor(dims, values)) != null && !key.equals(name)) {
      throw new IllegalArgumentException("two weights are named " + key + " once their prefix is dropped (one is "
          + name + "): the model holds more than one encoder; export the encoder alone");
    }
  }

  /** The checkpoint name of the weight a MatMul node reads, from the node's output name. */
  static String matMulWeightName(String output) {
    String path = output.replaceFirst("^/", "").replaceFirst("/MatMul_output_0$", "");
    return checkpointName(path.replace('/', '.') + ".weight");
  }

  /** The Hugging Face name inside a longer one: {@code bert.encoder.layer.0.x} gives {@code encoder.layer.0.x}. */
  static String checkpointName(String name) {
    Matcher m = START.matcher(name);
    return m.find() ? m.group(1) : name;
  }

  /** A [rows, cols] row-major matrix as [cols, rows]. */
  static float[] transpose(float[] values, int rows, int cols) {
    float[] out = new float[values.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = values[r * cols + c];
      }
    }
    return out;
  }

  /**
   * The encoder's shape as its weights show it; {@code heads} is not visible in them.
   *
   * @param source names the model in the error
   */
  public EncoderConfig shape(int heads, String source) {
    try {
      long[] word = get("embeddings.word_embeddings.weight").dims();
      long[] positions = get("embeddings.position_embeddings.weight").dims();
      long[] types = get("embeddings.token_type_embeddings.weight").dims();
      TreeSet<Integer> layers = new TreeSet<>();
      for (String name : tensors.keySet()) {
        Matcher layer = LAYER.matcher(name);
        if (layer.find()) {
          layers.add(Integer.parseInt(layer.group(1)));
        }
      }
      int hidden = (int) word[1];
      if (layers.isEmpty() || hidden % heads != 0) {
        throw new IllegalArgumentException("found " + layers.size() + " layers and hidden size " + hidden
            + " for " + heads + " heads");
      }
      int intermediate = (int) get("encoder.layer.0.intermediate.dense.weight").dims()[0];
      return new EncoderConfig((int) word[0], hidden, heads, layers.last() + 1, intermediate, (int) positions[0],
          (int) types[0], 1e-12f);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(source + " is not a BERT-style encoder the workbench can rebuild ("
          + e.getMessage() + "); export it with HF Optimum (ONNX) or torch.jit.trace, or set encoder.heads if the"
          + " head count differs", e);
    }
  }
}
