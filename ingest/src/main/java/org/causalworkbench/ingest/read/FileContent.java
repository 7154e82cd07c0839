package org.causalworkbench.ingest.read;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.causalworkbench.core.model.DeadLetterReason;

/**
 * Decides whether bytes are text a reader may parse: not empty, not binary, strict UTF-8, within
 * the size limit.
 */
final class FileContent {

  /** Text of an accepted file, or the reason and detail of a rejected one. */
  record Checked(String text, String reason, String detail, String rawForDeadLetter) {
    boolean ok() {
      return reason == null;
    }
  }

  private FileContent() {}

  /**
   * @param bytes the document's bytes, read up to one past the limit
   * @param more whether the input went on after {@code bytes}
   */
  static Checked check(byte[] bytes, boolean more, long maxBytes) {
    if (bytes.length == 0) {
      return rejected(DeadLetterReason.EMPTY, "the file is empty", "");
    }
    if (more || bytes.length > maxBytes) {
      return rejected(DeadLetterReason.TOO_LARGE,
          "more than ingest.max-document-bytes=" + maxBytes + " bytes (raise it, or split the file)", "");
    }
    if (looksBinary(bytes)) {
      return rejected(DeadLetterReason.BINARY,
          "binary content (NUL or control bytes); only text formats are read",
          Base64.getEncoder().encodeToString(head(bytes)));
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    String text;
    try {
      text = decoder.decode(buffer).toString();
    } catch (CharacterCodingException e) {
      return rejected(DeadLetterReason.NOT_UTF8,
          "not valid UTF-8 near byte " + buffer.position() + "; convert it (e.g. iconv -f latin1 -t utf-8)",
          Base64.getEncoder().encodeToString(head(bytes)));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      return rejected(DeadLetterReason.EMPTY, "the file holds only whitespace", text);
    }
    return new Checked(text, null, null, null);
  }

  private static Checked rejected(String reason, String detail, String raw) {
    return new Checked(null, reason, detail, raw);
  }

  private static byte[] head(byte[] bytes) {
    return java.util.Arrays.copyOf(bytes, Math.min(bytes.length, 64 * 1024));
  }

  /** Whether a file's first bytes show binary content: a NUL, or more than 5% control bytes. */
  static boolean looksBinary(byte[] bytes) {
    int sample = Math.min(bytes.length, 8192);
    int control = 0;
    for (int i = 0; i < sample; i++) {
      int b = bytes[i] & 0xff;
      if (b == 0) {
        return true;
      }
      if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
        control++;
      }
    }
    return control > sample / 20;
  }
}
