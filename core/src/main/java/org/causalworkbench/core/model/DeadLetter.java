package org.causalworkbench.core.model;

import java.time.Instant;

/**
 * An input that could not be processed, kept on the {@code dead-letter} topic so nothing is lost.
 *
 * @param inputId the input's id where it has one, else its source (file and line)
 * @param stage where it failed: {@code ingest}, {@code decode}, {@code annotate}, {@code judge}
 * @param reason a short, stable code that summaries group by (see {@link DeadLetterReason})
 * @param detail one line a person can act on
 * @param input the input itself, possibly cut to a size limit
 */
public record DeadLetter(
    String inputId, String stage, String reason, String detail, String input, Instant time) {

  /** Inputs are cut to this many characters so a dead letter always fits a Kafka record. */
  public static final int MAX_INPUT_CHARS = 256 * 1024;

  /**
   * Its key on the compacted dead-letter topic: the input and what went wrong with it, so a replay
   * that fails the same way writes the same key, two different failures of one input stay apart,
   * and forgetting a document can tombstone each of its dead letters.
   */
  public String key() {
    return inputId + "#" + org.causalworkbench.core.id.ContentIds.documentId(stage + "\n" + reason + "\n" + detail);
  }

  /** A dead letter of now, its input cut to {@link #MAX_INPUT_CHARS} (the detail says so). */
  public static DeadLetter of(String inputId, String stage, String reason, String detail, String input) {
    String kept = input == null ? "" : input;
    if (kept.length() > MAX_INPUT_CHARS) {
      kept = kept.substring(0, MAX_INPUT_CHARS);
      detail = detail + " (input cut to " + MAX_INPUT_CHARS + " characters)";
    }
    return new DeadLetter(inputId, stage, reason, detail, kept, Instant.now());
  }
}
