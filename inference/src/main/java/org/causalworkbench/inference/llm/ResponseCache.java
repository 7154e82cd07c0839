package org.causalworkbench.inference.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.causalworkbench.core.id.ContentIds;

/**
 * The model's answers on disk, keyed by the full request, so a replay costs no model call. Answers
 * are kept in one folder per document they were asked for ({@code DIR/DOCUMENT/KEY.json}), so
 * forgetting a document removes the answers about its text; requests about no document (an
 * evaluation's sentences) go to {@code DIR/_}.
 */
public final class ResponseCache {

  private static final String NO_DOCUMENT = "_";

  private final Path dir;

  public ResponseCache(Path dir) {
    this.dir = dir;
  }

  /** The stored answer to {@code request} about {@code documentId} (null for none), if any and readable. */
  public Optional<String> get(String documentId, String request) {
    Path file = file(documentId, request);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty(); // an unreadable entry is asked again
    }
  }

  public void put(String documentId, String request, String answer) {
    Path file = file(documentId, request);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "response", ".tmp");
      Files.writeString(tmp, answer, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the response cache at " + file + ": " + e.getMessage(), e);
    }
  }

  /** Removes every answer asked about {@code documentId}; returns how many. */
  public int forget(String documentId) {
    Path folder = dir.resolve(folder(documentId));
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      int[] removed = {0};
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isRegularFile(p)) {
          removed[0]++;
        }
        Files.delete(p);
      }
      return removed[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the cached answers of " + documentId + " in " + folder, e);
    }
  }

  private Path file(String documentId, String request) {
    return dir.resolve(folder(documentId)).resolve(ContentIds.documentId(request) + ".json");
  }

  /** Document ids are content hashes; anything else is made safe to use as a folder name. */
  private static String folder(String documentId) {
    if (documentId == null || documentId.isBlank()) {
      return NO_DOCUMENT;
    }
    return documentId.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
