package org.causalworkbench.ui.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionsAndPasswordsTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-29T08:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aSessionLivesWhileUsedAndEndsAfterTheIdleTime() {
    ManualClock clock = new ManualClock();
    Sessions sessions = new Sessions(Duration.ofMinutes(30), clock);
    Sessions.Session s = sessions.create(new Account("ana", Role.ANALYST), clock.now);
    assertNotEquals(s.id(), s.csrfToken(), "the CSRF token is not the cookie");
    clock.now = clock.now.plus(Duration.ofMinutes(25));
    assertTrue(sessions.find(s.id()).isPresent(), "used within the idle time");
    clock.now = clock.now.plus(Duration.ofMinutes(25));
    assertTrue(sessions.find(s.id()).isPresent(), "the last use restarted the idle time");
    clock.now = clock.now.plus(Duration.ofMinutes(31));
    assertTrue(sessions.find(s.id()).isEmpty(), "idle too long");
    assertTrue(sessions.find(s.id()).isEmpty(), "and gone for good");

    Sessions.Session a = sessions.create(new Account("bea", Role.ANALYST), clock.now);
    Sessions.Session b = sessions.create(new Account("bea", Role.ANALYST), clock.now);
    sessions.removeAll("bea");
    assertTrue(sessions.find(a.id()).isEmpty() && sessions.find(b.id()).isEmpty());
  }

  @Test
  void passwordsAreSaltedBcryptHashes() {
    PasswordHasher hasher = new PasswordHasher(4);
    String one = hasher.hash("river-delta-9".toCharArray());
    String two = hasher.hash("river-delta-9".toCharArray());
    assertTrue(one.startsWith("$2b$04$"), one);
    assertNotEquals(one, two, "each hash has its own salt");
    assertTrue(hasher.matches(one, "river-delta-9".toCharArray()));
    assertFalse(hasher.matches(one, "river-delta-8".toCharArray()));
    assertFalse(hasher.matches(null, "river-delta-9".toCharArray()));
    assertThrows(IllegalArgumentException.class, () -> hasher.hash("short".toCharArray()));
    assertThrows(IllegalArgumentException.class, () -> hasher.hash("x".repeat(73).toCharArray()));
  }

  @Test
  void rolesAllowWhatTheyShould() {
    assertTrue(Role.ADMIN.allows(Role.ANALYST));
    assertTrue(Role.ADMIN.allows(Role.ADMIN));
    assertTrue(Role.ANALYST.allows(Role.ANALYST));
    assertFalse(Role.ANALYST.allows(Role.ADMIN));
    assertEquals(Role.ADMIN, Role.parse("Admin"));
    assertThrows(IllegalArgumentException.class, () -> Role.parse("owner"));
  }
}
