package org.causalworkbench.ingest.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.causalworkbench.core.model.DeadLetterReason;

/** A BioC document as its XML and JSON forms both give it: passages in, one corpus document out. */
final class BioCDocuments {

  /** Infons PMC's BioC files carry that name the article elsewhere. */
  private static final Map<String, String> IDENTIFIERS = Map.of("article-id_pmid", "pmid", "article-id_doi", "doi",
      "article-id_pmc", "pmcid");

  private final DocumentFactory documents;

  BioCDocuments(DocumentFactory documents) {
    this.documents = documents;
  }

  /** One document's parts as they are read. */
  static final class Builder {
    private final String where;
    private String id = "";
    private String title = "";
    private final List<String> paragraphs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private long chars;

    private Builder(String where) {
      this.where = where;
    }

    void id(String value) {
      id = value;
    }

    void infon(String key, String value) {
      String name = IDENTIFIERS.get(key);
      if (name != null && !value.isEmpty()) {
        metadata.putIfAbsent(name, value);
      }
    }

    void passage(String type, String text) {
      String t = text.strip();
      if (t.isEmpty()) {
        return;
      }
      chars += t.length();
      String kind = type == null ? "" : type.toLowerCase(Locale.ROOT);
      if (title.isEmpty() && (kind.equals("title") || kind.equals("front"))) {
        title = t;
      } else {
        paragraphs.add(t);
      }
    }
  }

  Builder start(Path file, long line) {
    return new Builder(file + ":" + line);
  }

  void emit(Builder b, String format, IngestSink sink) {
    String source = b.where + (b.id.isEmpty() ? "" : " (" + b.id + ")");
    if (b.chars > documents.maxDocumentBytes()) {
      sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.TOO_LARGE, source + ": more than"
          + " ingest.max-document-bytes=" + documents.maxDocumentBytes() + " characters of text", ""));
      return;
    }
    if (b.paragraphs.isEmpty()) {
      sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.MISSING_TEXT,
          source + ": the document has no passage beyond its title", b.title));
      return;
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    if (!b.id.isEmpty()) {
      metadata.put("external_id", b.id);
    }
    metadata.putAll(b.metadata);
    metadata.put(DocumentFactory.FORMAT_KEY, format);
    sink.document(documents.document(source, b.title, String.join("\n\n", b.paragraphs), metadata));
  }
}
