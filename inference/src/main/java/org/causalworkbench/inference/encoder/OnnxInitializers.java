package org.causalworkbench.inference.encoder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the weights (graph initializers) of an ONNX model straight from its protobuf bytes, so a
 * pretrained encoder can be rebuilt as a trainable model without an ONNX library. Only float32
 * tensors are kept; the graph's MatMul nodes are read too, to tell which input each weight feeds.
 */
final class OnnxInitializers {

  /** A float tensor: its dims and values in row-major order. */
  public record Tensor(String name, long[] dims, float[] values) {}

  /** A graph node: its operator, inputs and (first) output; null where the node does not say. */
  public record Node(String op, List<String> inputs, String output) {

    static Node read(ProtoReader r) {
      List<String> inputs = new ArrayList<>();
      String output = null;
      String op = null;
      while (r.more()) {
        int tag = (int) r.varint();
        int field = tag >>> 3;
        if (field == 1 && (tag & 7) == 2) {
          inputs.add(r.string());
        } else if (field == 2 && (tag & 7) == 2) {
          output = r.string();
        } else if (field == 4 && (tag & 7) == 2) {
          op = r.string();
        } else {
          r.skip(tag & 7);
        }
      }
      return new Node(op, inputs, output);
    }
  }

  private final Map<String, Tensor> tensors = new LinkedHashMap<>();
  private final List<Node> matMuls = new ArrayList<>();

  private OnnxInitializers() {}

  public static OnnxInitializers read(byte[] model) {
    OnnxInitializers out = new OnnxInitializers();
    ProtoReader r = new ProtoReader(model);
    while (r.more()) {
      int tag = (int) r.varint();
      if (tag >>> 3 == 7 && (tag & 7) == 2) {
        out.readGraph(r.sub());
      } else {
        r.skip(tag & 7);
      }
    }
    return out;
  }

  public Map<String, Tensor> tensors() {
    return tensors;
  }

  /** The MatMul and Gemm nodes, in graph order. */
  public List<Node> matMuls() {
    return matMuls;
  }

  public Tensor get(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("the ONNX model has no float initializer '" + name + "'");
    }
    return t;
  }

  private void readGraph(ProtoReader r) {
    while (r.more()) {
      int tag = (int) r.varint();
      int field = tag >>> 3;
      if (field == 5 && (tag & 7) == 2) {
        Tensor t = readTensor(r.sub());
        if (t != null) {
          tensors.put(t.name(), t);
        }
      } else if (field == 1 && (tag & 7) == 2) {
        readNode(r.sub());
      } else {
        r.skip(tag & 7);
      }
    }
  }

  private void readNode(ProtoReader r) {
    Node node = Node.read(r);
    if ("MatMul".equals(node.op()) || "Gemm".equals(node.op())) {
      matMuls.add(node);
    }
  }

  private static Tensor readTensor(ProtoReader r) {
    List<Long> dims = new ArrayList<>();
    int type = 0;
    String name = "";
    byte[] raw = null;
    List<Float> floats = new ArrayList<>();
    while (r.more()) {
      int tag = (int) r.varint();
      int field = tag >>> 3;
      int wire = tag & 7;
      if (field == 1 && wire == 0) {
        dims.add(r.varint());
      } else if (field == 1 && wire == 2) {
        ProtoReader packed = r.sub();
        while (packed.more()) {
          dims.add(packed.varint());
        }
      } else if (field == 2 && wire == 0) {
        type = (int) r.varint();
      } else if (field == 4 && wire == 2) {
        ProtoReader packed = r.sub();
        while (packed.more()) {
          floats.add(Float.intBitsToFloat(packed.fixed32()));
        }
      } else if (field == 8 && wire == 2) {
        name = r.string();
      } else if (field == 9 && wire == 2) {
        raw = r.bytes();
      } else {
        r.skip(wire);
      }
    }
    if (type != 1) { // FLOAT
      return null;
    }
    float[] values;
    if (raw != null) {
      values = new float[raw.length / 4];
      ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    } else {
      values = new float[floats.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = floats.get(i);
      }
    }
    return new Tensor(name, dims.stream().mapToLong(Long::longValue).toArray(), values);
  }
}
