package org.causalworkbench.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
  public void read(Path file, InputStream in, IngestSink sink) throws IOException {
    Reader text = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    Rows rows = new Rows(file, sink);
    try {
      // A row holds one document and its metadata: past a few times the document limit, it cannot fit.
      CsvTable.parse(text, 4 * documents.maxDocumentBytes() + 64 * 1024, rows);
    } catch (CharacterCodingException e) {
      sink.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.NOT_UTF8, file + ": not valid"
          + " UTF-8 after line " + rows.lastLine + "; the rows before were read (convert it: iconv -f latin1 -t utf-8)",
          ""));
    } catch (IllegalArgumentException e) {
      sink.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.MALFORMED,
          file + ": " + e.getMessage() + "; the rows before were read", ""));
    }
    if (rows.header == null && !rows.rejected) {
      sink.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.EMPTY, file + ": no header row", ""));
    }
  }

  /** Takes the header, then turns each row into a document or a dead letter. */
  private final class Rows implements CsvTable.RowHandler {
    private final Path file;
    private final IngestSink sink;
    private List<String> header;
    private int textIndex = -1;
    private boolean rejected;
    private int lastLine;

    Rows(Path file, IngestSink sink) {
      this.file = file;
      this.sink = sink;
    }

    @Override
    public void oversized(int line, long chars) {
      lastLine = line;
      String source = file + ":" + line;
      sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.TOO_LARGE, source + ": a row of " + chars
          + " characters, more than a document of ingest.max-document-bytes=" + documents.maxDocumentBytes()
          + " can take", ""));
    }

    @Override
    public void row(CsvTable.Row row) {
      lastLine = row.line();
      if (rejected) {
        return;
      }
      if (header == null) {
        List<String> fields = row.fields();
        header = fields.isEmpty() ? fields : withoutBom(fields);
        textIndex = header.indexOf(textColumn);
        if (textIndex < 0) {
          rejected = true;
          sink.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.MISSING_TEXT,
              file + ": no column '" + textColumn + "' in header " + header + " (choose one with --text-col)", ""));
        }
        return;
      }
      String source = file + ":" + row.line();
      List<String> fields = row.fields();
      if (fields.size() == 1 && fields.get(0).isBlank()) {
        return;
      }
      if (fields.size() != header.size()) {
        sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.MALFORMED,
            source + ": " + fields.size() + " fields, but the header has " + header.size(),
            String.join(",", fields)));
        return;
      }
      String text = fields.get(textIndex).strip();
      if (text.isEmpty()) {
        sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.MISSING_TEXT,
            source + ": column '" + textColumn + "' is empty", String.join(",", fields)));
        return;
      }
      if (text.getBytes(StandardCharsets.UTF_8).length > documents.maxDocumentBytes()) {
        sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.TOO_LARGE,
            source + ": text is larger than ingest.max-document-bytes=" + documents.maxDocumentBytes(), text));
        return;
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

  private static List<String> withoutBom(List<String> header) {
    if (!header.get(0).startsWith("\uFEFF")) {
      return header;
    }
    List<String> fixed = new ArrayList<>(header);
    fixed.set(0, fixed.get(0).substring(1));
    return List.copyOf(fixed);
  }
}
