package org.causalworkbench.inference.encoder;

/** IEEE 754 half precision (Float.floatToFloat16 and back need Java 20; we run on 17). */
final class Half {

  private Half() {}

  /** Rounded to nearest even; too large becomes infinity, too small zero. */
  static short fromFloat(float value) {
    int bits = Float.floatToIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
    int mantissa = bits & 0x7fffff;
    if (exponent <= 0) {
      if (exponent < -10) {
        return (short) sign;
      }
      mantissa = (mantissa | 0x800000) >> (1 - exponent);
      return (short) (sign | ((mantissa + 0x1000) >> 13));
    }
    if (exponent >= 31) {
      return (short) (sign | 0x7c00 | (((bits >>> 23) & 0xff) == 0xff && mantissa != 0 ? 0x200 : 0));
    }
    int half = sign | (exponent << 10) | (mantissa >> 13);
    int rest = mantissa & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
      half++;
    }
    return (short) half;
  }

  static float toFloat(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0) {
      if (mantissa == 0) {
        return Float.intBitsToFloat(sign);
      }
      float value = mantissa / 1024f * (float) Math.pow(2, -14);
      return sign == 0 ? value : -value;
    }
    if (exponent == 31) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
  }
}
