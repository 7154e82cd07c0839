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
    String inputId, String stage, String reason, String detail, String input, Instant time) {}
