package org.causalworkbench.inference.encoder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An encoder's ONNX export rewritten for ONNX Runtime on a CPU, with a token head on top: the given
 * weights (pretrained with tuned layers over them) in place of the export's own, every linear
 * layer as an int8 product ({@code MatMulInteger}, uint8 × int8), and the head's logits as the
 * graph's output. Weights are int8 with one scale per output column; activations are quantised as
 * they arrive with one scale per token (its largest magnitude maps to 127), through ONNX Runtime's
 * per-axis {@code QuantizeLinear} and {@code DequantizeLinear}. Per token, not per call as ONNX
 * Runtime's own dynamic quantisation does: a text's tags must not depend on which texts share its
 * batch. The int8 products make it two to three times as fast as the float32 encoder on a CPU
 * (docs/extraction.md); embeddings, layer norms, attention and the head stay float32. Written
 * straight as protobuf, as {@link OnnxInitializers} reads: the rest of the graph passes through
 * byte for byte.
 */
public final class Int8OnnxExport {

  /** The rewritten graph's output: [batch, pieces, outputs] head logits. */
  public static final String LOGITS = "logits";

  /** The token states the head reads: the output of Hugging Face encoder exports. */
  private static final String STATES = "last_hidden_state";
  private static final int FLOAT = 1;
  private static final int UINT8 = 2;
  private static final int INT8 = 3;
  private static final int INT64 = 7;
  private static final int ATTRIBUTE_INT = 2;
  private static final int ATTRIBUTE_INTS = 7;
  private static final int INT8_MAX = 127;
  private static final long MIN_OPSET = 11;
  private static final long MAX_OPSET = 17;
  /** ONNX Runtime's own operators: per-axis QuantizeLinear and DequantizeLinear at the model's opset 11. */
  private static final String CONTRIB = "com.microsoft";
  private static final String INVERSE_127 = "int8_inverse_127";
  /** The smallest token scale: a token of zeros must not divide by zero. */
  private static final String MIN_SCALE = "int8_min_scale";
  /** uint8 activations centred on 128 stand for int8 ones: ONNX Runtime's fast kernels take uint8 × int8. */
  private static final String ZERO_POINT_128 = "int8_zero_point_128";
  /** Slice bounds that keep all but the last dimension of a shape. */
  private static final String LEAD_START = "int8_lead_start";
  private static final String LEAD_END = "int8_lead_end";

  /** A linear head over every token state: {@code weight} is [outputs, hidden], row-major. */
  public record Head(float[] weight, float[] bias, int outputs) {}

  private Int8OnnxExport() {}

  /**
   * The rewritten model's bytes. {@code weights} holds float values by checkpoint name, linear
   * weights as [out, in] (as {@link Checkpoint} and tuned-weights files have them); a weight it
   * lacks keeps the export's value. Every export weight a MatMul reads becomes int8.
   */
  public static byte[] build(byte[] base, Map<String, float[]> weights, Head head) {
    long opset = opset(base);
    if (opset < MIN_OPSET || opset > MAX_OPSET) {
      // ReduceMax takes its axes as an input from opset 18 on, and MatMulInteger needs 10.
      throw new IllegalArgumentException("the ONNX export is at opset " + opset + "; the int8 rewrite reads opsets "
          + MIN_OPSET + " to " + MAX_OPSET + " (export the encoder at one of those, or run it in float32)");
    }
    OnnxInitializers onnx = OnnxInitializers.read(base);
    Map<String, String> quantizedByInput = new HashMap<>();
    for (OnnxInitializers.Node m : onnx.matMuls()) {
      if ("MatMul".equals(m.op()) && m.inputs().size() == 2 && m.output() != null) {
        OnnxInitializers.Tensor t = onnx.tensors().get(m.inputs().get(1));
        if (t != null && t.dims().length == 2) {
          quantizedByInput.put(t.name(), Checkpoint.matMulWeightName(m.output()));
        }
      }
    }
    if (quantizedByInput.isEmpty()) {
      throw new IllegalArgumentException("the ONNX export has no MatMul over a weight: not a BERT-style encoder export");
    }
    ProtoWriter model = new ProtoWriter();
    ProtoReader r = new ProtoReader(base);
    boolean graphSeen = false;
    while (r.more()) {
      int start = r.position();
      int tag = (int) r.varint();
      if (tag >>> 3 == 7 && (tag & 7) == 2) {
        Set<String> used = new HashSet<>();
        model.message(7, graph(r.sub(), onnx, quantizedByInput, weights, head, used));
        Set<String> unused = new TreeSet<>(weights.keySet());
        unused.removeAll(used);
        if (!unused.isEmpty()) {
          throw new IllegalArgumentException("the ONNX export has no weight for " + unused
              + ": the weights were tuned on another encoder");
        }
        graphSeen = true;
      } else {
        r.skip(tag & 7);
        model.raw(r.copy(start));
      }
    }
    if (!graphSeen) {
      throw new IllegalArgumentException("not an ONNX model: it has no graph");
    }
    model.message(8, new ProtoWriter().string(1, CONTRIB).varint(2, 1));
    return model.toByteArray();
  }

  /** The version of the default ONNX domain the model imports. */
  private static long opset(byte[] model) {
    ProtoReader r = new ProtoReader(model);
    while (r.more()) {
      int tag = (int) r.varint();
      if (tag >>> 3 == 8 && (tag & 7) == 2) {
        ProtoReader set = r.sub();
        String domain = "";
        long version = 0;
        while (set.more()) {
          int t = (int) set.varint();
          if (t >>> 3 == 1 && (t & 7) == 2) {
            domain = set.string();
          } else if (t >>> 3 == 2 && (t & 7) == 0) {
            version = set.varint();
          } else {
            set.skip(t & 7);
          }
        }
        if (domain.isEmpty() || domain.equals("ai.onnx")) {
          return version;
        }
      } else {
        r.skip(tag & 7);
      }
    }
    return 0;
  }

  private static ProtoWriter graph(ProtoReader r, OnnxInitializers onnx, Map<String, String> quantizedByInput,
      Map<String, float[]> weights, Head head, Set<String> used) {
    ProtoWriter graph = new ProtoWriter();
    Set<String> quantizedInputs = new HashSet<>();
    boolean statesSeen = false;
    while (r.more()) {
      int start = r.position();
      int tag = (int) r.varint();
      int field = tag >>> 3;
      if (field == 1 && (tag & 7) == 2) { // node
        byte[] node = r.bytes();
        OnnxInitializers.Node view = OnnxInitializers.Node.read(new ProtoReader(node));
        if ("MatMul".equals(view.op()) && view.inputs().size() == 2 && quantizedByInput.containsKey(view.inputs().get(1))) {
          String x = view.inputs().get(0);
          String w = view.inputs().get(1);
          OnnxInitializers.Tensor t = onnx.tensors().get(w);
          long in = t.dims()[0];
          long out = t.dims()[1];
          if (quantizedInputs.add(x)) { // Q, K and V read the same states: quantised once
            quantizeRows(graph, x, in);
          }
          String p = view.output() + "_int8";
          graph.message(1, node(p + "_product", "MatMulInteger", List.of(x + "_q", w + "_int8", ZERO_POINT_128),
              p + "_int32"));
          graph.message(1, node(p + "_rows", "DequantizeLinear", CONTRIB, List.of(p + "_int32", x + "_scale"),
              p + "_rows", intAttribute("axis", 0)));
          graph.message(1, node(p + "_columns", "Mul", List.of(p + "_rows", w + "_scale"), p + "_2d"));
          graph.message(5, tensor(p + "_width", new long[] {1}, INT64, longs(out)));
          graph.message(1, node(p + "_shape", "Concat", List.of(x + "_lead", p + "_width"), p + "_shape",
              intAttribute("axis", 0)));
          graph.message(1, node(p + "_reshape", "Reshape", List.of(p + "_2d", p + "_shape"), view.output()));
        } else {
          graph.bytes(1, node);
        }
      } else if (field == 5 && (tag & 7) == 2) { // initializer
        byte[] tensor = r.bytes();
        String name = tensorName(tensor);
        OnnxInitializers.Tensor t = onnx.tensors().get(name);
        if (quantizedByInput.containsKey(name)) {
          used.add(quantizedByInput.get(name));
          float[] value = inColumns(t, weights.get(quantizedByInput.get(name)));
          Int8Columns q = Int8Columns.of(value, (int) t.dims()[0], (int) t.dims()[1]);
          graph.message(5, tensor(name + "_int8", t.dims(), INT8, q.values()));
          graph.message(5, tensor(name + "_scale", new long[] {t.dims()[1]}, FLOAT, floats(q.scales())));
        } else if (t != null && weights.containsKey(Checkpoint.checkpointName(name))) {
          used.add(Checkpoint.checkpointName(name));
          float[] value = weights.get(Checkpoint.checkpointName(name));
          if (value.length != t.values().length) {
            throw new IllegalArgumentException(name + " has " + value.length + " values, the export's "
                + t.values().length + ": the weights were tuned on another encoder");
          }
          graph.message(5, tensor(name, t.dims(), FLOAT, floats(value)));
        } else {
          graph.bytes(5, tensor);
        }
      } else if (field == 12 && (tag & 7) == 2) { // output
        byte[] output = r.bytes();
        if (STATES.equals(valueInfoName(output))) {
          statesSeen = true;
          graph.message(12, logitsInfo(head.outputs()));
        } else {
          graph.bytes(12, output);
        }
      } else {
        r.skip(tag & 7);
        graph.raw(r.copy(start));
      }
    }
    if (!statesSeen) {
      throw new IllegalArgumentException("the ONNX export has no output named " + STATES
          + ": export the encoder with its token states (Hugging Face's feature-extraction task)");
    }
    graph.message(5, tensor(INVERSE_127, new long[0], FLOAT, floats(new float[] {1f / INT8_MAX})));
    graph.message(5, tensor(MIN_SCALE, new long[0], FLOAT, floats(new float[] {1e-12f})));
    graph.message(5, tensor(LEAD_START, new long[] {1}, INT64, longs(0)));
    graph.message(5, tensor(LEAD_END, new long[] {1}, INT64, longs(-1)));
    graph.message(5, tensor(ZERO_POINT_128, new long[0], UINT8, new byte[] {(byte) 128}));
    int hidden = head.weight().length / head.outputs();
    graph.message(1, node("tag_head_matmul", "MatMul", List.of(STATES, "tag_head.weight"), "tag_head_product"));
    graph.message(1, node("tag_head_add", "Add", List.of("tag_head_product", "tag_head.bias"), LOGITS));
    graph.message(5, tensor("tag_head.weight", new long[] {hidden, head.outputs()}, FLOAT,
        floats(Checkpoint.transpose(head.weight(), head.outputs(), hidden))));
    graph.message(5, tensor("tag_head.bias", new long[] {head.outputs()}, FLOAT, floats(head.bias())));
    return graph;
  }

  /**
   * {@code x} [..., width] as rows of tokens: {@code x_q} [tokens, width] uint8 around 128, with one
   * scale per token ({@code x_scale} [tokens]) that maps its largest magnitude to 127, so no value is
   * clipped; {@code x_lead} is x's shape but the last dimension, to shape the products back.
   */
  private static void quantizeRows(ProtoWriter graph, String x, long width) {
    graph.message(5, tensor(x + "_rows_shape", new long[] {2}, INT64, longs(-1, width)));
    graph.message(1, node(x + "_2d", "Reshape", List.of(x, x + "_rows_shape"), x + "_2d"));
    graph.message(1, node(x + "_abs", "Abs", List.of(x + "_2d"), x + "_abs"));
    graph.message(1, node(x + "_max", "ReduceMax", List.of(x + "_abs"), x + "_max",
        intsAttribute("axes", 1), intAttribute("keepdims", 0)));
    graph.message(1, node(x + "_scale127", "Mul", List.of(x + "_max", INVERSE_127), x + "_scale127"));
    graph.message(1, node(x + "_scale", "Max", List.of(x + "_scale127", MIN_SCALE), x + "_scale"));
    graph.message(1, node(x + "_scale_shape", "Shape", List.of(x + "_scale"), x + "_scale_shape"));
    graph.message(1, node(x + "_zero", "Expand", List.of(ZERO_POINT_128, x + "_scale_shape"), x + "_zero"));
    graph.message(1, node(x + "_q", "QuantizeLinear", CONTRIB, List.of(x + "_2d", x + "_scale", x + "_zero"), x + "_q",
        intAttribute("axis", 0)));
    graph.message(1, node(x + "_shape", "Shape", List.of(x), x + "_shape"));
    graph.message(1, node(x + "_lead", "Slice", List.of(x + "_shape", LEAD_START, LEAD_END), x + "_lead"));
  }

  /** A MatMul weight as ONNX holds it, [in, out]: the export's, or the given [out, in] one turned. */
  private static float[] inColumns(OnnxInitializers.Tensor export, float[] given) {
    if (given == null) {
      return export.values();
    }
    if (given.length != export.values().length) {
      throw new IllegalArgumentException(export.name() + " has " + given.length + " values, the export's "
          + export.values().length + ": the weights were tuned on another encoder");
    }
    return Checkpoint.transpose(given, (int) export.dims()[1], (int) export.dims()[0]);
  }

  /**
   * A [rows, cols] matrix as int8 with one symmetric scale per column: {@code value ≈ q * scale}, the
   * largest magnitude of each column mapping to 127.
   */
  record Int8Columns(byte[] values, float[] scales) {
    static Int8Columns of(float[] w, int rows, int cols) {
      float[] scales = new float[cols];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          scales[j] = Math.max(scales[j], Math.abs(w[i * cols + j]));
        }
      }
      for (int j = 0; j < cols; j++) {
        scales[j] = scales[j] > 0 ? scales[j] / INT8_MAX : 1f;
      }
      byte[] q = new byte[w.length];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          q[i * cols + j] = (byte) Math.max(-INT8_MAX, Math.min(INT8_MAX, Math.round(w[i * cols + j] / scales[j])));
        }
      }
      return new Int8Columns(q, scales);
    }
  }

  private static byte[] longs(long... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return b.array();
  }

  private static byte[] floats(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return b.array();
  }

  private static ProtoWriter tensor(String name, long[] dims, int type, byte[] raw) {
    ProtoWriter t = new ProtoWriter();
    for (long d : dims) {
      t.varint(1, d);
    }
    return t.varint(2, type).string(8, name).bytes(9, raw);
  }

  private static ProtoWriter node(String name, String op, List<String> inputs, String output,
      ProtoWriter... attributes) {
    return node(name, op, "", inputs, output, attributes);
  }

  private static ProtoWriter node(String name, String op, String domain, List<String> inputs, String output,
      ProtoWriter... attributes) {
    ProtoWriter n = new ProtoWriter();
    if (!domain.isEmpty()) {
      n.string(7, domain);
    }
    inputs.forEach(i -> n.string(1, i));
    n.string(2, output).string(3, name).string(4, op);
    for (ProtoWriter a : attributes) {
      n.message(5, a);
    }
    return n;
  }

  private static ProtoWriter intAttribute(String name, long value) {
    return new ProtoWriter().string(1, name).varint(3, value).varint(20, ATTRIBUTE_INT);
  }

  private static ProtoWriter intsAttribute(String name, long value) {
    return new ProtoWriter().string(1, name).varint(8, value).varint(20, ATTRIBUTE_INTS);
  }

  /** The logits' type: float [batch_size, sequence_length, outputs]. */
  private static ProtoWriter logitsInfo(int outputs) {
    ProtoWriter shape = new ProtoWriter()
        .message(1, new ProtoWriter().string(2, "batch_size"))
        .message(1, new ProtoWriter().string(2, "sequence_length"))
        .message(1, new ProtoWriter().varint(1, outputs));
    ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT).message(2, shape);
    return new ProtoWriter().string(1, LOGITS).message(2, new ProtoWriter().message(1, tensorType));
  }

  private static String tensorName(byte[] tensor) {
    return stringField(tensor, 8);
  }

  private static String valueInfoName(byte[] info) {
    return stringField(info, 1);
  }

  private static String stringField(byte[] message, int wanted) {
    ProtoReader r = new ProtoReader(message);
    while (r.more()) {
      int tag = (int) r.varint();
      if (tag >>> 3 == wanted && (tag & 7) == 2) {
        return r.string();
      }
      r.skip(tag & 7);
    }
    return "";
  }
}
