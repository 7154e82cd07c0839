package org.causalworkbench.ui.http;

import com.sun.net.httpserver.HttpExchange;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser origins may make changes. With a configured list ({@code server.allowed-origins},
 * for a server behind a proxy) the Origin must be on it; without one it must be the request's own
 * Host, and while the server listens on a loopback address only localhost names are taken as Host
 * (a page on another name that resolves to 127.0.0.1, DNS rebinding, is refused).
 */
public final class OriginPolicy {

  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final List<String> allowed;
  private final boolean loopback;

  public OriginPolicy(List<String> allowed, String bind) {
    this.allowed = allowed.stream().map(o -> o.replaceAll("/+$", "").toLowerCase(Locale.ROOT)).toList();
    boolean isLoopback;
    try {
      isLoopback = InetAddress.getByName(bind).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      isLoopback = false;
    }
    this.loopback = isLoopback;
  }

  /** Throws 403 unless a change from this request's origin is allowed. */
  public void check(HttpExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (allowed.isEmpty() && loopback && host != null && !LOOPBACK_NAMES.contains(hostName(host))) {
      throw new HttpError(403, "Host " + host + " is not a name of this loopback server; set server.allowed-origins"
          + " when a proxy serves it under another name");
    }
    if (origin == null) {
      return; // not a browser's cross-site request: browsers send Origin on every POST and DELETE
    }
    String o = origin.toLowerCase(Locale.ROOT);
    boolean ok = allowed.isEmpty()
        ? host != null && (o.equals("http://" + host.toLowerCase(Locale.ROOT)) || o.equals("https://" + host.toLowerCase(Locale.ROOT)))
        : allowed.contains(o);
    if (!ok) {
      throw new HttpError(403, "cross-origin request refused (Origin " + origin + ")");
    }
  }

  private static String hostName(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      return h.substring(0, h.indexOf(']') + 1);
    }
    int colon = h.lastIndexOf(':');
    return colon > 0 ? h.substring(0, colon) : h;
  }

}
