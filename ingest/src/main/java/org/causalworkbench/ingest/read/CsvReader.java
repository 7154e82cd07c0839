package org.causalworkbench.ingest.read;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.causalworkbench.core.model.DeadLetterReason;

/**
 * CSV (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks): a header row, then one
 * document per row, its text in the configured column; the other columns become metadata.
 */
public final class CsvReader implements CorpusReader {

  private final DocumentFactory documents;
  private final String textColumn;

  public CsvReader(DocumentFactory documents, String textColumn) {
    this.documents = documents;
    this.textColumn = textColumn;
  }

  @Override
  public Set<String> extensions() {
    return Set.of("csv");
  }

  @Override
  public void read(Path file, String content, IngestSink sink) {
    List<CsvTable.Row> rows;
    try {
      rows = CsvTable.parse(content.startsWith("\uFEFF") ? content.substring(1) : content);
    } catch (IllegalArgumentException e) {
      sink.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.MALFORMED,
          file + ": " + e.getMessage(), content));
      return;
    }
    if (rows.isEmpty()) {
      sink.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.EMPTY,
          file + ": no header row", content));
      return;
    }
    List<String> header = rows.get(0).fields();
    int textIndex = header.indexOf(textColumn);
    if (textIndex < 0) {
      sink.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.MISSING_TEXT,
          file + ": no column '" + textColumn + "' in header " + header + " (choose one with --text-col)",
          content));
      return;
    }
    for (CsvTable.Row row : rows.subList(1, rows.size())) {
      String source = file + ":" + row.line();
      List<String> fields = row.fields();
      if (fields.size() == 1 && fields.get(0).isBlank()) {
        continue;
      }
      if (fields.size() != header.size()) {
        sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.MALFORMED,
            source + ": " + fields.size() + " fields, but the header has " + header.size(),
            String.join(",", fields)));
        continue;
      }
      String text = fields.get(textIndex).strip();
      if (text.isEmpty()) {
        sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.MISSING_TEXT,
            source + ": column '" + textColumn + "' is empty", String.join(",", fields)));
        continue;
      }
      if (text.getBytes(StandardCharsets.UTF_8).length > documents.maxDocumentBytes()) {
        sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.TOO_LARGE,
            source + ": text is larger than ingest.max-document-bytes=" + documents.maxDocumentBytes(), text));
        continue;
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        if (i != textIndex) {
          metadata.put(header.get(i), fields.get(i));
        }
      }
      metadata.put(DocumentFactory.FORMAT_KEY, "csv");
      String title = metadata.getOrDefault("title", "");
      sink.document(documents.document(source, title, text, metadata));
    }
  }
}
