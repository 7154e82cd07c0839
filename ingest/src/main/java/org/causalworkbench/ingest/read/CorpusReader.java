package org.causalworkbench.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;

/** Reads one kind of corpus file into documents. */
public interface CorpusReader {

  /** Lower-case file extensions this reader handles, without the dot (a further {@code .gz} is undone). */
  Set<String> extensions();

  /** Whether the format is binary (PDF): its files are not refused for looking binary. */
  default boolean binary() {
    return false;
  }

  /**
   * Reads the file's bytes from {@code in} (already decompressed for a {@code .gz} file; checked to
   * be non-empty and not binary at its start) and hands every document or dead letter to {@code
   * sink}, as it goes: a file of many documents streams, whatever its size. Must not throw for bad
   * records: a bad record becomes a dead letter and reading goes on.
   *
   * @throws IOException when the file itself cannot be read on; the records handed on so far stand
   */
  void read(Path file, InputStream in, IngestSink sink) throws IOException;
}
