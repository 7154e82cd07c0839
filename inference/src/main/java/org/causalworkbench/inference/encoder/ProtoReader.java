package org.causalworkbench.inference.encoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Protobuf's wire format, read: just what ONNX models need, without an ONNX library. */
final class ProtoReader {
  private final byte[] buf;
  private int pos;
  private final int end;

  ProtoReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  private ProtoReader(byte[] buf, int pos, int end) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  boolean more() {
    return pos < end;
  }

  /** Where the next field starts: with {@link #copy} a field is passed on unchanged. */
  int position() {
    return pos;
  }

  /** The bytes from {@code from} to here, as read. */
  byte[] copy(int from) {
    return Arrays.copyOfRange(buf, from, pos);
  }

  long varint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("malformed varint in ONNX model");
  }

  int fixed32() {
    int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
    pos += 4;
    return v;
  }

  ProtoReader sub() {
    int length = (int) varint();
    ProtoReader sub = new ProtoReader(buf, pos, pos + length);
    pos += length;
    return sub;
  }

  byte[] bytes() {
    int length = (int) varint();
    byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
    pos += length;
    return out;
  }

  String string() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  void skip(int wire) {
    switch (wire) {
      case 0 -> varint();
      case 1 -> pos += 8;
      case 2 -> {
        int length = (int) varint(); // read before adding: varint() moves pos
        pos += length;
      }
      case 5 -> pos += 4;
      default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wire + " in ONNX model");
    }
  }
}
