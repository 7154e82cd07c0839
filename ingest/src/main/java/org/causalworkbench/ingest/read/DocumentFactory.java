package org.causalworkbench.ingest.read;

import java.util.LinkedHashMap;
import java.util.Map;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.Document;

/** Builds documents and dead letters the same way for every reader. */
public final class DocumentFactory {

  /** Metadata key the readers set to the input format; it wins over an input field of that name. */
  public static final String FORMAT_KEY = "source_format";

  private final long maxDocumentBytes;

  public DocumentFactory(long maxDocumentBytes) {
    this.maxDocumentBytes = maxDocumentBytes;
  }

  public long maxDocumentBytes() {
    return maxDocumentBytes;
  }

  /**
   * A document of {@code text}; NUL characters (which a JSON escape or a stray byte can carry, and
   * PostgreSQL's text refuses) are dropped from it, its title and its metadata.
   */
  public Document document(String source, String title, String text, Map<String, String> metadata) {
    String clean = withoutNul(text);
    Map<String, String> fields = new LinkedHashMap<>();
    metadata.forEach((k, v) -> fields.put(withoutNul(k), withoutNul(v)));
    return new Document(ContentIds.documentId(clean), withoutNul(source), withoutNul(title), clean, fields);
  }

  private static String withoutNul(String s) {
    return s == null || s.indexOf('\u0000') < 0 ? s : s.replace("\u0000", "");
  }

  public static DeadLetter deadLetter(String source, String reason, String detail, String input) {
    return DeadLetter.of(source, "ingest", reason, detail, input);
  }
}
