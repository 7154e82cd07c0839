package org.causalworkbench.ui.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.ui.auth.Account;

/** An API request after routing and authentication: its caller, path parameters, query and body. */
public final class Request {

  private final HttpExchange exchange;
  private final Account caller;
  private final java.util.function.BooleanSupplier stillAuthorized;
  private final Map<String, String> pathParameters;
  private final Map<String, String> query;
  private final int maxBodyBytes;
  private final Json json;

  public Request(HttpExchange exchange, Account caller, java.util.function.BooleanSupplier stillAuthorized,
      Map<String, String> pathParameters, int maxBodyBytes, Json json) {
    this.exchange = exchange;
    this.caller = caller;
    this.stillAuthorized = stillAuthorized;
    this.pathParameters = pathParameters;
    this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    this.maxBodyBytes = maxBodyBytes;
    this.json = json;
  }

  public HttpExchange exchange() {
    return exchange;
  }

  /** Who is asking (null only on the sign-in route). */
  public Account caller() {
    return caller;
  }

  /** Whether the caller's session or token still holds (for answers that last, such as a live stream). */
  public boolean stillAuthorized() {
    return stillAuthorized.getAsBoolean();
  }

  public String path(String name) {
    return pathParameters.get(name);
  }

  public long pathLong(String name) {
    try {
      return Long.parseLong(pathParameters.get(name));
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(name + " must be a number, not '" + pathParameters.get(name) + "'");
    }
  }

  /** A query parameter, or null when absent or empty. */
  public String query(String name) {
    String value = query.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  public Double queryDouble(String name) {
    String value = query(name);
    try {
      return value == null ? null : Double.valueOf(value);
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(name + " must be a number, not '" + value + "'");
    }
  }

  /** A whole number from 1 to {@code max}; a larger one is refused, not cut, so a client learns the cap. */
  public int queryInt(String name, int fallback, int max) {
    String value = query(name);
    try {
      int n = value == null ? fallback : Integer.parseInt(value);
      if (n < 1) {
        throw HttpError.badRequest(name + " must be at least 1");
      }
      if (n > max) {
        throw HttpError.badRequest(name + " must be at most " + max + "; read further pages with the cursor the"
            + " response gives in 'next', passed back as 'after'");
      }
      return n;
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(name + " must be a whole number, not '" + value + "'");
    }
  }

  public Instant queryInstant(String name) {
    String value = query(name);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw HttpError.badRequest(name + " must be an ISO-8601 instant such as 2026-11-29T08:00:00Z, not '"
          + value + "'");
    }
  }

  /** The body as a JSON object; 413 past the size limit, 400 when it is not a JSON object. */
  public JsonNode body() throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      throw new HttpError(415, "send the body as Content-Type: application/json");
    }
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(maxBodyBytes + 1);
    }
    if (bytes.length > maxBodyBytes) {
      throw new HttpError(413, "request body is over " + maxBodyBytes + " bytes (server.max-body-bytes)");
    }
    JsonNode node;
    try {
      node = json.mapper().readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw HttpError.badRequest("body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw HttpError.badRequest("body must be a JSON object");
    }
    return node;
  }

  /** A required text field of the body. */
  public static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw HttpError.badRequest("field '" + field + "' is required and must be a non-empty string");
    }
    return value.asText();
  }

  /** An optional text field of the body, null when absent. */
  public static String optionalText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw HttpError.badRequest("field '" + field + "' must be a string");
    }
    return value.asText().isBlank() ? null : value.asText();
  }

  static Map<String, String> parseQuery(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      try {
        if (eq > 0) {
          out.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        } else if (!part.isEmpty()) {
          out.put(URLDecoder.decode(part, StandardCharsets.UTF_8), "");
        }
      } catch (IllegalArgumentException e) {
        throw HttpError.badRequest("malformed query string: " + e.getMessage());
      }
    }
    return out;
  }
}
