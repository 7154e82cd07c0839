package org.causalworkbench.ui.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} wrong passwords for one name within
 * {@link #WINDOW}, that name is refused for {@link #LOCKOUT}; and at most two bcrypt checks run at
 * once, so a flood of sign-ins cannot take every core.
 */
public final class SignInThrottle {

  static final int MAX_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration LOCKOUT = Duration.ofMinutes(1);

  private record Failures(int count, Instant first, Instant lockedUntil) {}

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private final Semaphore checks = new Semaphore(2, true);
  private final Clock clock;

  public SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Until when {@code name} is refused, or null when it may try. */
  public Instant lockedUntil(String name) {
    Failures f = failures.get(name);
    return f != null && f.lockedUntil() != null && f.lockedUntil().isAfter(clock.instant()) ? f.lockedUntil() : null;
  }

  /** Runs one password check with the others queued behind the concurrency limit. */
  public <T> T check(java.util.function.Supplier<T> verify) {
    checks.acquireUninterruptibly();
    try {
      return verify.get();
    } finally {
      checks.release();
    }
  }

  public void failed(String name) {
    Instant now = clock.instant();
    failures.compute(name, (k, f) -> {
      if (f == null || f.first().plus(WINDOW).isBefore(now)) {
        return new Failures(1, now, null);
      }
      int count = f.count() + 1;
      return new Failures(count, f.first(), count >= MAX_FAILURES ? now.plus(LOCKOUT) : f.lockedUntil());
    });
    if (failures.size() > 10_000) {
      failures.values().removeIf(f -> f.first().plus(WINDOW).isBefore(now));
    }
  }

  public void succeeded(String name) {
    failures.remove(name);
  }
}
