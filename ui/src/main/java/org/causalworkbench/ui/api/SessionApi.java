package org.causalworkbench.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.causalworkbench.graph.query.Page;
import org.causalworkbench.ui.auth.Account;
import org.causalworkbench.ui.auth.Accounts;
import org.causalworkbench.ui.auth.Role;
import org.causalworkbench.ui.auth.Sessions;
import org.causalworkbench.ui.auth.SignInThrottle;
import org.causalworkbench.ui.http.HttpError;
import org.causalworkbench.ui.http.Request;
import org.causalworkbench.ui.http.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signing in and out, who is signed in, and (for admins) the accounts. */
public final class SessionApi {

  public static final String COOKIE = "wb_session";
  private static final Logger LOG = LoggerFactory.getLogger(SessionApi.class);

  private final Accounts accounts;
  private final Sessions sessions;
  private final SignInThrottle throttle;
  private final boolean secureCookies;

  public SessionApi(Accounts accounts, Sessions sessions, SignInThrottle throttle, boolean secureCookies) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.throttle = throttle;
    this.secureCookies = secureCookies;
  }

  public void register(Router router) {
    router.add("POST", "/api/session", null, this::signIn)
        .add("GET", "/api/session", Role.ANALYST, this::current)
        .add("DELETE", "/api/session", Role.ANALYST, this::signOut)
        .add("GET", "/api/accounts", Role.ADMIN, this::accounts)
        .add("POST", "/api/accounts", Role.ADMIN, this::addAccount);
  }

  private Object signIn(Request r) throws IOException {
    JsonNode body = r.body();
    String name = Request.text(body, "name");
    char[] password = Request.text(body, "password").toCharArray();
    String printable = name.replaceAll("\\p{Cntrl}", "?");
    if (throttle.lockedUntil(name) != null) {
      throw new HttpError(429, "too many wrong passwords for this name; try again after " + throttle.lockedUntil(name));
    }
    Account account = throttle.check(() -> accounts.verify(name, password)).orElseThrow(() -> {
      throttle.failed(name);
      LOG.warn("failed sign-in for '{}' from {}", printable,
          r.exchange().getRemoteAddress().getAddress().getHostAddress());
      return new HttpError(401, "wrong name or password");
    });
    throttle.succeeded(name);
    sessions.remove(cookie(r, COOKIE));
    Sessions.Session session = sessions.create(account,
        accounts.credentialsSince(account.name()).orElseThrow(() -> new HttpError(401, "wrong name or password")));
    r.exchange().getResponseHeaders().add("Set-Cookie", COOKIE + "=" + session.id()
        + "; Path=/; HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : ""));
    LOG.info("{} signed in", printable);
    return describe(account, session.csrfToken());
  }

  private static final int MAX_ACCOUNTS = 500;

  /** A page of the accounts, by name. */
  private Object accounts(Request r) {
    Page<Accounts.Entry> page = accounts.page(r.queryInt("limit", 100, MAX_ACCOUNTS), r.query("after"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("accounts", page.items());
    body.put("next", page.next());
    return body;
  }

  private Object current(Request r) {
    String csrf = sessions.find(cookie(r, COOKIE)).map(Sessions.Session::csrfToken).orElse(null);
    return describe(r.caller(), csrf);
  }

  private Object signOut(Request r) {
    sessions.remove(cookie(r, COOKIE));
    r.exchange().getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        + (secureCookies ? "; Secure" : ""));
    return Map.of("signed_out", true);
  }

  private Object addAccount(Request r) throws IOException {
    JsonNode body = r.body();
    Role role = Role.parse(Request.optionalText(body, "role") == null ? "analyst" : Request.text(body, "role"));
    Account added = accounts.add(Request.text(body, "name"), role, Request.text(body, "password").toCharArray());
    LOG.info("{} added account {} ({})", r.caller().name(), added.name(), role.id());
    return describe(added, null);
  }

  private static Map<String, Object> describe(Account account, String csrf) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", account.name());
    out.put("role", account.role().id());
    if (csrf != null) {
      out.put("csrf_token", csrf);
    }
    return out;
  }

  /** The value of cookie {@code name} in the request, or null. */
  public static String cookie(Request r, String name) {
    return cookie(r.exchange().getRequestHeaders().get("Cookie"), name);
  }

  public static String cookie(java.util.List<String> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (String header : headers) {
      for (String part : header.split(";")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
          return part.substring(eq + 1).trim();
        }
      }
    }
    return null;
  }
}
