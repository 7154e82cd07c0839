package org.causalworkbench.core.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.causalworkbench.core.model.Span;

/**
 * Content-derived ids. Ids depend only on what the data says, never on when or how often it was
 * seen, so a replay produces the same ids and every sink can drop what it already has.
 */
public final class ContentIds {

  private ContentIds() {}

  /** A document's id: the hash of its text. The same text from two files is one document. */
  public static String documentId(String text) {
    return "d" + sha256(text).substring(0, 20);
  }

  /**
   * An evidence id: document, the pair's two spans in text order, and the judge's id and version.
   * It does not depend on the verdict, so a judge that answers differently on a replay still
   * writes the same evidence row rather than a second, contradicting one.
   */
  public static String evidenceId(
      String documentId, Span first, Span second, String judgeId, String judgeVersion) {
    String key =
        documentId
            + '|' + first.begin() + ':' + first.end()
            + '|' + second.begin() + ':' + second.end()
            + '|' + judgeId + '@' + judgeVersion;
    return "e" + sha256(key).substring(0, 24);
  }

  /**
   * An evidence id for a verdict that has no two spans to name it by (a unit that got no answer, a
   * relation whose words are not in the text): document, a key naming what it is about, and the
   * extractor's id and version.
   */
  public static String evidenceId(String documentId, String key, String judgeId, String judgeVersion) {
    return "e" + sha256(documentId + "|" + key + "|" + judgeId + '@' + judgeVersion).substring(0, 24);
  }

  /** A short content id of raw bytes (model weights), hex. */
  public static String bytesId(byte[] bytes) {
    return sha256(bytes).substring(0, 16);
  }

  private static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }
}
