package org.causalworkbench.ingest.read;

import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.Document;

/** Where readers put what they read: a document, or a dead letter saying why not. */
public interface IngestSink {

  void document(Document document);

  void deadLetter(DeadLetter deadLetter);
}
