package org.causalworkbench.ui.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.causalworkbench.ui.auth.Role;

/**
 * The API's routes: method, path template ({@code /api/edges/{id}/review}) and the role the caller
 * needs ({@code null}: anyone, for signing in). Templates are what the OpenAPI document lists.
 */
public final class Router {

  /** A route and what the path's placeholders matched. */
  public record Match(Route route, Map<String, String> parameters) {}

  /** One API operation. */
  public record Route(String method, String template, Role role, Handler handler, Pattern pattern,
      List<String> names) {}

  private final List<Route> routes = new ArrayList<>();

  public Router add(String method, String template, Role role, Handler handler) {
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("\\{([a-z_]+)}").matcher(template);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    routes.add(new Route(method, template, role, handler, Pattern.compile(regex.toString()), names));
    return this;
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** The route for this method and raw (still percent-encoded) path; 405 when only other methods serve the path, 404 when none. */
  public Match match(String method, String path) {
    boolean pathKnown = false;
    for (Route route : routes) {
      Optional<Map<String, String>> parameters = parameters(route, path);
      if (parameters.isEmpty()) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(method)) {
        return new Match(route, parameters.get());
      }
    }
    if (pathKnown) {
      throw new HttpError(405, "method " + method + " is not allowed on " + path);
    }
    throw HttpError.notFound("no such endpoint: " + path + " (see /api/openapi.json)");
  }

  private static Optional<Map<String, String>> parameters(Route route, String path) {
    Matcher m = route.pattern().matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < route.names().size(); i++) {
      // The path is matched raw, so an encoded '/' stays inside its segment; '+' is a plus in a path.
      out.put(route.names().get(i), java.net.URLDecoder.decode(m.group(i + 1).replace("+", "%2B"),
          java.nio.charset.StandardCharsets.UTF_8));
    }
    return Optional.of(out);
  }
}
