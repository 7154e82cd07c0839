package org.causalworkbench.ui.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in browsers: a random session id (the cookie) with its account and a CSRF token the page
 * must echo in a header on every change. Sessions live in memory: a restart signs everyone out.
 */
public final class Sessions {

  /**
   * One signed-in browser.
   *
   * @param credentialsSince when the account's password was set, as at sign-in: a later change voids the session
   */
  public record Session(String id, Account account, String csrfToken, Instant credentialsSince, Instant lastUsed) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Duration idle;
  private final Clock clock;

  public Sessions(Duration idle, Clock clock) {
    this.idle = idle;
    this.clock = clock;
  }

  public Session create(Account account, Instant credentialsSince) {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> s.lastUsed().plus(idle).isBefore(now));
    Session session = new Session(randomId(), account, randomId(), credentialsSince, now);
    sessions.put(session.id(), session);
    return session;
  }

  /** The session, if it exists and was used within the idle time; using it keeps it alive. */
  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Session found = sessions.computeIfPresent(id, (k, s) -> s.lastUsed().plus(idle).isBefore(now) ? null
        : new Session(s.id(), s.account(), s.csrfToken(), s.credentialsSince(), now));
    return Optional.ofNullable(found);
  }

  public void remove(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Signs out every session of {@code account} (after its password changes or it is disabled). */
  public void removeAll(String account) {
    sessions.values().removeIf(s -> s.account().name().equals(account));
  }

  private String randomId() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
