package org.causalworkbench.core.model;

/** The reasons an input can be dead-lettered, as stable codes. */
public final class DeadLetterReason {
  public static final String EMPTY = "empty";
  public static final String BINARY = "binary";
  public static final String NOT_UTF8 = "not_utf8";
  public static final String TOO_LARGE = "too_large";
  public static final String MALFORMED = "malformed";
  public static final String MISSING_TEXT = "missing_text";
  public static final String UNSUPPORTED_FORMAT = "unsupported_format";
  public static final String UNREADABLE = "unreadable";
  /** A named pipe, socket, device or a symbolic link that cannot be followed: never opened. */
  public static final String NOT_A_FILE = "not_a_file";
  public static final String ANNOTATION_FAILED = "annotation_failed";
  /** A sentence longer than extraction.max-sentence-tokens, left out of its document. */
  public static final String SENTENCE_TOO_LONG = "sentence_too_long";
  /** A document whose annotation ran past extraction.annotation-budget-ms. */
  public static final String ANNOTATION_TIMEOUT = "annotation_timeout";
  public static final String CANDIDATES_FAILED = "candidates_failed";
  public static final String JUDGE_FAILED = "judge_failed";
  public static final String GATE_FAILED = "gate_failed";
  public static final String EXTRACTION_FAILED = "extraction_failed";

  private DeadLetterReason() {}
}
