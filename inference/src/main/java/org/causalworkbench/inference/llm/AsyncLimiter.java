package org.causalworkbench.inference.llm;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * At most {@code permits} calls in flight; the rest wait in line without holding a thread. The
 * line is bounded by whoever submits (the Flink async operator's capacity), not by this class.
 */
final class AsyncLimiter {

  private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  private int available;

  AsyncLimiter(int permits) {
    this.available = permits;
  }

  synchronized CompletableFuture<Void> acquire() {
    if (available > 0) {
      available--;
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> turn = new CompletableFuture<>();
    waiting.add(turn);
    return turn;
  }

  void release() {
    CompletableFuture<Void> next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        available++;
        return;
      }
    }
    next.complete(null);
  }
}
