package org.causalworkbench.ingest.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a byte stream, one at a time and each decoded as strict UTF-8, so a file of any size
 * streams and one bad line costs only itself: a line longer than the limit is read past without
 * being kept. A byte-order mark at the start is dropped; "\r\n" ends a line as "\n" does.
 */
final class LineReader {

  /**
   * @param number 1-based
   * @param text the line without its end, or null when it is not UTF-8 or over the limit
   * @param bytes its length in bytes
   * @param oversized whether it was longer than the limit (and not kept)
   */
  record Line(long number, String text, long bytes, boolean oversized) {}

  private final InputStream in;
  private final long maxLineBytes;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private long number;
  private boolean ended;

  LineReader(InputStream in, long maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or null at the end of the stream. */
  Line next() throws IOException {
    if (ended) {
      return null;
    }
    buffer.reset();
    long bytes = 0;
    int b = in.read();
    if (b < 0) {
      ended = true;
      return null;
    }
    while (b >= 0 && b != '\n') {
      if (bytes++ < maxLineBytes) {
        buffer.write(b);
      }
      b = in.read();
    }
    ended = b < 0;
    number++;
    if (bytes > maxLineBytes) {
      return new Line(number, null, bytes, true);
    }
    byte[] raw = buffer.toByteArray();
    int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw, 0, length)).toString();
    } catch (CharacterCodingException e) {
      return new Line(number, null, bytes, false);
    }
    if (number == 1 && text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return new Line(number, text, bytes, false);
  }
}
