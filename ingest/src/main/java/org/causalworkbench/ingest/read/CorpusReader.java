package org.causalworkbench.ingest.read;

import java.nio.file.Path;

/** Reads one kind of corpus file into documents. */
public interface CorpusReader {

  /** Lower-case file extensions this reader handles, without the dot. */
  java.util.Set<String> extensions();

  /**
   * Reads {@code content} (already checked to be non-empty, UTF-8 text within the size limit) and
   * hands every document or dead letter to {@code sink}. Must not throw for bad records: a bad
   * record becomes a dead letter and reading goes on.
   */
  void read(Path file, String content, IngestSink sink);
}
