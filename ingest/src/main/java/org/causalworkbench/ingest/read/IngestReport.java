package org.causalworkbench.ingest.read;

import java.util.Map;

/**
 * What one ingest run did.
 *
 * @param files files looked at
 * @param documents documents published
 * @param deadLetters dead letters published, by reason
 */
public record IngestReport(int files, long documents, Map<String, Long> deadLetters, double seconds) {

  public long deadLettered() {
    return deadLetters.values().stream().mapToLong(Long::longValue).sum();
  }
}
