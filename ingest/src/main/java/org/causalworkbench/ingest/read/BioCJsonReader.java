package org.causalworkbench.ingest.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import org.causalworkbench.core.model.DeadLetterReason;

/**
 * BioC JSON (a collection object whose {@code documents} each hold {@code id} and {@code
 * passages} with {@code infons}, {@code text}), read as {@link BioCXmlReader} reads the XML form;
 * the {@code documents} array is streamed, one document in memory at a time.
 */
public final class BioCJsonReader implements CorpusReader {

  private final BioCDocuments documents;
  private final ObjectMapper mapper = new ObjectMapper();

  public BioCJsonReader(DocumentFactory documents) {
    this.documents = new BioCDocuments(documents);
  }

  @Override
  public Set<String> extensions() {
    return Set.of("json");
  }

  @Override
  public void read(Path file, InputStream in, IngestSink sink) throws IOException {
    int read = 0;
    try (JsonParser json = mapper.getFactory().createParser(in)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonProcessingException("a BioC collection is a JSON object with a 'documents' list",
            json.currentLocation()) {};
      }
      boolean found = false;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (!field.equals("documents") || value != JsonToken.START_ARRAY) {
          json.skipChildren();
          continue;
        }
        found = true;
        while (json.nextToken() == JsonToken.START_OBJECT) {
          long line = json.currentLocation().getLineNr();
          JsonNode node = mapper.readTree(json);
          BioCDocuments.Builder document = documents.start(file, line);
          document.id(node.path("id").asText(""));
          for (JsonNode passage : node.path("passages")) {
            JsonNode infons = passage.path("infons");
            infons.fields().forEachRemaining(i -> document.infon(i.getKey(), i.getValue().asText("")));
            String type = infons.path("type").asText(infons.path("section_type").asText(""));
            document.passage(type, passage.path("text").asText(""));
          }
          read++;
          documents.emit(document, "bioc-json", sink);
        }
      }
      if (!found) {
        sink.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.UNSUPPORTED_FORMAT, file
            + ": a JSON file is read as a BioC collection, and this one has no 'documents' list (JSON Lines go in"
            + " .jsonl files)", ""));
      }
    } catch (JsonProcessingException e) {
      sink.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.MALFORMED, file + ": not"
          + " well-formed BioC JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage() + "; "
          + read + " documents before it were read", ""));
    }
  }
}
