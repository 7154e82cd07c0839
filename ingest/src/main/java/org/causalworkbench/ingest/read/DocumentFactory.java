package org.causalworkbench.ingest.read;

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

  public Document document(String source, String title, String text, Map<String, String> metadata) {
    return new Document(ContentIds.documentId(text), source, title, text, metadata);
  }

  public static DeadLetter deadLetter(String source, String reason, String detail, String input) {
    return DeadLetter.of(source, "ingest", reason, detail, input);
  }
}
