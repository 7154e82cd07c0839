package org.causalworkbench.ingest.read;

import java.time.Instant;
import java.util.Map;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.Document;

/** Builds documents and dead letters the same way for every reader. */
public final class DocumentFactory {

  /** Dead-letter payloads are cut to this many characters so they fit a Kafka record. */
  static final int MAX_DEAD_LETTER_INPUT = 256 * 1024;

  /** Metadata key the readers set to the input format; it wins over an input field of that name. */
  public static final String FORMAT_KEY = "source_format";

  private final long maxDocumentBytes;

  public DocumentFactory(long maxDocumentBytes) {
    this.maxDocumentBytes = maxDocumentBytes;
  }

  public long maxDocumentBytes() {
    return maxDocumentBytes;
  }

  public Document document(String source, String title, String text, Map<String, String> metadata) {
    return new Document(ContentIds.documentId(text), source, title, text, metadata);
  }

  public static DeadLetter deadLetter(String source, String reason, String detail, String input) {
    String kept = input;
    if (kept != null && kept.length() > MAX_DEAD_LETTER_INPUT) {
      kept = kept.substring(0, MAX_DEAD_LETTER_INPUT);
      detail = detail + " (input cut to " + MAX_DEAD_LETTER_INPUT + " characters)";
    }
    return new DeadLetter(source, "ingest", reason, detail, kept == null ? "" : kept, Instant.now());
  }
}
