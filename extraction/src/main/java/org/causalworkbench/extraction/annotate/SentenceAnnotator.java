package org.causalworkbench.extraction.annotate;

import java.util.List;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Sentence;

/** Splits a document into annotated sentences (tokens, lemmas, parts of speech, dependencies). */
public interface SentenceAnnotator {

  List<Sentence> annotate(Document document);
}
