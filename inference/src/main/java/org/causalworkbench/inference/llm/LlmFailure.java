package org.causalworkbench.inference.llm;

import java.util.Locale;

/** Why no answer could be read from the model. */
public enum LlmFailure {
  /** The token budget ran out inside the reasoning. */
  TRUNCATED,
  /** The reasoning kept repeating itself. */
  REPETITION_LOOP,
  /** The reply ended without an answer. */
  NO_ANSWER,
  /** An answer was there but could not be read as the expected JSON. */
  MALFORMED,
  /** The model declined to answer. */
  REFUSED,
  /** The server answered with an error status, after retries. */
  HTTP_ERROR,
  /** No reply within the timeout, after retries. */
  TIMEOUT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
