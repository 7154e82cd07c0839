package org.causalworkbench.ingest.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.causalworkbench.core.model.DeadLetterReason;

/**
 * JSON Lines: one document per line, an object with a string {@code text} and optional {@code id},
 * {@code title} and further fields kept as metadata. A given {@code id} is kept as metadata
 * {@code external_id}; the document id is always derived from the text.
 */
public final class JsonLinesReader implements CorpusReader {

  private final DocumentFactory documents;
  // Two objects on one line would otherwise silently drop the second.
  private final ObjectMapper mapper = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public JsonLinesReader(DocumentFactory documents) {
    this.documents = documents;
  }

  @Override
  public Set<String> extensions() {
    return Set.of("jsonl", "ndjson");
  }

  @Override
  public void read(Path file, InputStream in, IngestSink sink) throws IOException {
    // Escapes and metadata make a line longer than its text; past this, its text cannot fit anyway.
    long maxLineBytes = 4 * documents.maxDocumentBytes() + 64 * 1024;
    LineReader lines = new LineReader(in, maxLineBytes);
    for (LineReader.Line read = lines.next(); read != null; read = lines.next()) {
      String source = file + ":" + read.number();
      if (read.oversized()) {
        sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.TOO_LARGE, source + ": a line of "
            + read.bytes() + " bytes, more than a document of ingest.max-document-bytes=" + documents.maxDocumentBytes()
            + " can take (raise it, or split the record)", ""));
        continue;
      }
      String line = read.text();
      if (line == null) {
        sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.NOT_UTF8,
            source + ": not valid UTF-8; convert the file (e.g. iconv -f latin1 -t utf-8)", ""));
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = mapper.readValue(line, JsonNode.class);
      } catch (IOException e) {
        sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.MALFORMED,
            source + ": not valid JSON: " + firstLine(e.getMessage()), line));
        continue;
      }
      if (node == null || !node.isObject()) {
        sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.MALFORMED,
            source + ": expected a JSON object with a \"text\" field", line));
        continue;
      }
      JsonNode text = node.get("text");
      if (text == null || !text.isTextual() || text.asText().isBlank()) {
        sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.MISSING_TEXT,
            source + ": the object has no non-empty string field \"text\"", line));
        continue;
      }
      if (text.asText().getBytes(StandardCharsets.UTF_8).length > documents.maxDocumentBytes()) {
        sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.TOO_LARGE,
            source + ": text is larger than ingest.max-document-bytes=" + documents.maxDocumentBytes(), line));
        continue;
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getValue().isNull()) {
          continue;
        }
        switch (field.getKey()) {
          case "text", "title" -> { }
          case "id" -> metadata.put("external_id", field.getValue().asText());
          default -> metadata.put(field.getKey(),
              field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString());
        }
      }
      metadata.put(DocumentFactory.FORMAT_KEY, "jsonl");
      String title = node.path("title").isTextual() ? node.path("title").asText() : "";
      sink.document(documents.document(source, title, text.asText().strip(), metadata));
    }
  }

  private static String firstLine(String message) {
    int nl = message == null ? -1 : message.indexOf('\n');
    return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
  }
}
