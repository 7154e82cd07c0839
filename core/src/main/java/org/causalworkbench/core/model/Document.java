package org.causalworkbench.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * One text of a corpus, as it travels on the {@code documents} topic.
 *
 * @param id content-derived id (see {@link org.causalworkbench.core.id.ContentIds#documentId}), so
 *     re-ingesting the same text yields the same id and every sink can stay idempotent
 * @param source where the text came from: file path, with a line number for JSONL/CSV rows
 * @param title optional title, empty when the input had none
 * @param text the full text
 * @param metadata free-form fields carried over from the input (JSONL keys, CSV columns)
 */
public record Document(String id, String source, String title, String text, Map<String, String> metadata) {
  public Document {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    source = source == null ? "" : source;
    title = title == null ? "" : title;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
