package org.causalworkbench.inference.judge;

import java.util.concurrent.CompletableFuture;

/** Text-level detection: does this text (a sentence or two) state a causal relation? For eval. */
public interface CausalDetector extends AutoCloseable {

  String id();

  CompletableFuture<Detection> detect(String text);

  @Override
  default void close() {}
}
