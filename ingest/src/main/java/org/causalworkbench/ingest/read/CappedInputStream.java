package org.causalworkbench.ingest.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that fails once more than {@code cap} bytes have been read from it (a decompression bomb stops there). */
final class CappedInputStream extends FilterInputStream {

  /** Thrown by a read past the cap. */
  static final class CapExceeded extends IOException {
    private static final long serialVersionUID = 1L;
    private final long cap;

    CapExceeded(long cap) {
      super("more than " + cap + " bytes");
      this.cap = cap;
    }

    long cap() {
      return cap;
    }
  }

  private final long cap;
  private long read;

  CappedInputStream(InputStream in, long cap) {
    super(in);
    this.cap = cap;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  private void count(long n) throws CapExceeded {
    read += n;
    if (read > cap) {
      throw new CapExceeded(cap);
    }
  }
}
