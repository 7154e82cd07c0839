package org.causalworkbench.inference.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Calls an OpenAI-compatible server ({@code /v1/chat/completions}, or {@code /v1/completions})
 * asynchronously: at most {@code llm.concurrency} requests in flight, retries with exponential
 * backoff and jitter on 429, 5xx, timeouts and connection errors (honouring Retry-After), and an
 * optional on-disk cache keyed by the full request, so a replay costs no model call.
 */
public final class OpenAiClient {

  /** One sampled answer. */
  public record Choice(String content, String reasoning, String finishReason, List<TokenLogprob> logprobs) {}

  /** A generated token and its log-probability. */
  public record TokenLogprob(String token, double logprob) {}

  /** A successful reply. */
  public record Response(List<Choice> choices, int promptTokens, int completionTokens, long latencyMillis,
      boolean cached) {}

  /** A call that failed for good; {@link #reason} is {@code http_error} or {@code timeout}. */
  public static final class CallException extends RuntimeException {
    private final LlmFailure reason;

    CallException(LlmFailure reason, String message) {
      super(message);
      this.reason = reason;
    }

    public LlmFailure reason() {
      return reason;
    }
  }

  private final LlmSettings settings;
  private final HttpClient http;
  private final AsyncLimiter limiter;
  private final ResponseCache cache;
  private final ObjectMapper json = new ObjectMapper();

  public OpenAiClient(LlmSettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
    this.limiter = new AsyncLimiter(settings.concurrency());
    this.cache = settings.cacheDir() == null ? null : new ResponseCache(settings.cacheDir());
  }

  /**
   * Asks for {@code settings.samples()} answers to {@code prompt} within {@code maxTokens}.
   *
   * @param documentId the document the prompt is about, under which its answer is cached; null for none
   */
  public CompletableFuture<Response> complete(String prompt, int maxTokens, String documentId) {
    String path = settings.chatApi() ? "/v1/chat/completions" : "/v1/completions";
    String body = body(prompt, maxTokens);
    String cacheKey = settings.endpoint() + path + "\n" + body;
    if (cache != null) {
      Optional<Response> cached = cache.get(documentId, cacheKey).flatMap(this::parseCached);
      if (cached.isPresent()) {
        return CompletableFuture.completedFuture(cached.get());
      }
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.endpoint() + path))
        .timeout(settings.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    String key = settings.apiKey();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    HttpRequest built = request.build();
    return limiter.acquire()
        .thenCompose(ignored -> attempt(built, 0))
        .whenComplete((response, error) -> limiter.release())
        .thenApply(raw -> {
          if (cache != null) {
            cache.put(documentId, cacheKey, raw.body);
          }
          return parse(raw.body, raw.latencyMillis, false);
        });
  }

  private record Raw(String body, long latencyMillis) {}

  private CompletableFuture<Raw> attempt(HttpRequest request, int attempt) {
    long start = System.nanoTime();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle((response, error) -> {
          long latency = (System.nanoTime() - start) / 1_000_000;
          if (error == null && response.statusCode() == 200) {
            return CompletableFuture.completedFuture(new Raw(response.body(), latency));
          }
          Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          boolean timeout = cause instanceof HttpTimeoutException;
          int status = response == null ? 0 : response.statusCode();
          boolean retryable = timeout || cause instanceof IOException || status == 429 || status >= 500;
          String what = cause != null ? cause.toString()
              : "HTTP " + status + ": " + abbreviate(response.body(), 300);
          if (retryable && attempt < settings.retries()) {
            long delay = delayMillis(attempt, response);
            return CompletableFuture.supplyAsync(() -> null,
                    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> attempt(request, attempt + 1));
          }
          LlmFailure reason = timeout ? LlmFailure.TIMEOUT : LlmFailure.HTTP_ERROR;
          return CompletableFuture.<Raw>failedFuture(new CallException(reason,
              what + " from " + request.uri() + " after " + (attempt + 1) + " attempt(s)"));
        })
        .thenCompose(f -> f);
  }

  /** Retry-After when the server sends it, else backoff * 2^attempt, times a jitter of 0.5 to 1.5. */
  private long delayMillis(int attempt, HttpResponse<String> response) {
    if (response != null) {
      var retryAfter = response.headers().firstValue("Retry-After");
      if (retryAfter.isPresent()) {
        try {
          return Math.min(60_000, Long.parseLong(retryAfter.get().trim()) * 1000);
        } catch (NumberFormatException ignored) {
          // a date: fall back to our own backoff
        }
      }
    }
    double jitter = 0.5 + ThreadLocalRandom.current().nextDouble();
    return (long) (settings.backoff().toMillis() * Math.pow(2, attempt) * jitter);
  }

  private String body(String prompt, int maxTokens) {
    ObjectNode body = json.createObjectNode();
    body.put("model", settings.model());
    if (settings.chatApi()) {
      // R1 conventions: no system prompt, every instruction in the user turn.
      ArrayNode messages = body.putArray("messages");
      messages.addObject().put("role", "user").put("content", prompt);
      if (settings.thinkPrefix()) {
        messages.addObject().put("role", "assistant").put("content", "<think>\n");
        body.put("continue_final_message", true);
        body.put("add_generation_prompt", false);
      }
    } else {
      body.put("prompt", settings.thinkPrefix() ? prompt + "\n<think>\n" : prompt);
    }
    body.put("temperature", settings.temperature());
    body.put("top_p", settings.topP());
    body.put("max_tokens", maxTokens);
    body.put("n", settings.samples());
    if (settings.samples() == 1) {
      if (settings.chatApi()) {
        body.put("logprobs", true);
      } else {
        body.put("logprobs", 1);
      }
    }
    return body.toString();
  }

  private Response parse(String raw, long latency, boolean cached) {
    JsonNode root;
    try {
      root = json.readTree(raw);
    } catch (IOException e) {
      throw new CallException(LlmFailure.HTTP_ERROR, "the server's reply is not JSON: " + abbreviate(raw, 200));
    }
    List<Choice> choices = new ArrayList<>();
    for (JsonNode c : root.path("choices")) {
      JsonNode message = c.path("message");
      String content = settings.chatApi() ? text(message.path("content")) : text(c.path("text"));
      String reasoning = text(message.path("reasoning_content"));
      if (reasoning == null) {
        reasoning = text(message.path("reasoning"));
      }
      choices.add(new Choice(content, reasoning, text(c.path("finish_reason")), logprobs(c.path("logprobs"))));
    }
    if (choices.isEmpty()) {
      throw new CallException(LlmFailure.HTTP_ERROR, "the server's reply has no choices: " + abbreviate(raw, 200));
    }
    JsonNode usage = root.path("usage");
    return new Response(choices, usage.path("prompt_tokens").asInt(0), usage.path("completion_tokens").asInt(0),
        latency, cached);
  }

  private static List<TokenLogprob> logprobs(JsonNode node) {
    List<TokenLogprob> out = new ArrayList<>();
    if (node.has("content")) {
      for (JsonNode t : node.path("content")) {
        out.add(new TokenLogprob(t.path("token").asText(""), t.path("logprob").asDouble(0)));
      }
    } else if (node.has("tokens")) {
      JsonNode tokens = node.path("tokens");
      JsonNode values = node.path("token_logprobs");
      for (int i = 0; i < tokens.size(); i++) {
        out.add(new TokenLogprob(tokens.get(i).asText(""), values.path(i).asDouble(0)));
      }
    }
    return out;
  }

  private static String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  private Optional<Response> parseCached(String raw) {
    try {
      return Optional.of(parse(raw, 0, true));
    } catch (RuntimeException e) {
      return Optional.empty(); // an unreadable cache entry is asked again
    }
  }

  private static String abbreviate(String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }
}
