package org.causalworkbench.inference.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;

/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol and answers
 * from scripts: the first script whose trigger occurs in the user's prompt answers, reply by
 * reply (the last one repeats). It records every request it got.
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

  /** One scripted reply: HTTP status, body, delay before answering, and a Retry-After value or null. */
  public record Reply(int status, String body, long delayMillis, String retryAfter) {}

  /** A request as received. */
  public record Received(String trigger, JsonNode body, String authorization) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(32);
  private final Map<String, List<Reply>> scripts = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Integer> served = Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

  public ScriptedOpenAiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    server.createContext("/v1/chat/completions", this::handle);
    server.createContext("/v1/completions", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Settings that point the llm client at this server (model {@code scripted-r1}, short backoff, no
   * response cache, files under {@code dataDir}), then each key and value given, by key name.
   */
  public WorkbenchConfig config(Path dataDir, String... keyValues) {
    WorkbenchConfig config = WorkbenchConfig.defaults()
        .with(WorkbenchOptions.LLM_ENDPOINT, endpoint())
        .with(WorkbenchOptions.LLM_MODEL, "scripted-r1")
        .with(WorkbenchOptions.LLM_BACKOFF_MS, "10")
        .with(WorkbenchOptions.LLM_CACHE, "false")
        .with(WorkbenchOptions.DATA_DIR, dataDir.toString());
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      String key = keyValues[i];
      config = config.with(WorkbenchOptions.all().stream().filter(o -> o.key().equals(key)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no configuration key " + key)), keyValues[i + 1]);
    }
    return config;
  }

  public ScriptedOpenAiServer script(String trigger, Reply... replies) {
    scripts.put(trigger, List.of(replies));
    return this;
  }

  public List<Received> received(String trigger) {
    synchronized (received) {
      return received.stream().filter(r -> trigger.equals(r.trigger())).toList();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      String prompt = body.has("prompt") ? body.path("prompt").asText("")
          : body.path("messages").path(0).path("content").asText("");
      String trigger = null;
      synchronized (scripts) {
        for (String t : scripts.keySet()) {
          if (prompt.contains(t)) {
            trigger = t;
            break;
          }
        }
      }
      received.add(new Received(trigger, body, exchange.getRequestHeaders().getFirst("Authorization")));
      if (trigger == null) {
        respond(exchange, new Reply(404, "{\"error\": \"no script for this prompt\"}", 0, null));
        return;
      }
      List<Reply> replies = scripts.get(trigger);
      int index = served.merge(trigger, 1, Integer::sum) - 1;
      Reply reply = replies.get(Math.min(index, replies.size() - 1));
      if (reply.delayMillis() > 0) {
        try {
          Thread.sleep(reply.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      respond(exchange, reply);
    } catch (IOException e) {
      // the client gave up (a timeout test): nothing to answer
    }
  }

  private static void respond(HttpExchange exchange, Reply reply) throws IOException {
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (reply.retryAfter() != null) {
      exchange.getResponseHeaders().set("Retry-After", reply.retryAfter());
    }
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  // ------------------------------------------------------------------ building replies

  /** A 200 reply with one choice per content, finish_reason "stop". */
  public static Reply ok(String... contents) {
    return choices("stop", null, null, contents);
  }

  /** A 200 reply whose reasoning comes in message.reasoning_content, as vLLM's reasoning parser sends it. */
  public static Reply split(String reasoning, String content) {
    return choices("stop", reasoning, null, content);
  }

  /** A 200 reply cut off at the token budget. */
  public static Reply cutOff(String content) {
    return choices("length", null, null, content);
  }

  /** A 200 reply with token log-probabilities: each token paired with its probability. */
  public static Reply withLogprobs(List<String> tokens, List<Double> probabilities) {
    return choices("stop", null, new Object[] {tokens, probabilities}, String.join("", tokens));
  }

  /** A 200 reply of the legacy completions API: the text in choices[].text. */
  public static Reply completion(String text) {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").put("text", text);
    root.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20);
    return new Reply(200, root.toString(), 0, null);
  }

  public static Reply status(int status, String retryAfter) {
    return new Reply(status, "{\"error\": {\"message\": \"scripted " + status + "\"}}", 0, retryAfter);
  }

  public static Reply slow(long delayMillis, String content) {
    Reply ok = ok(content);
    return new Reply(200, ok.body(), delayMillis, null);
  }

  @SuppressWarnings("unchecked")
  private static Reply choices(String finish, String reasoning, Object[] logprobs, String... contents) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-test").put("object", "chat.completion").put("model", "scripted");
    ArrayNode choices = root.putArray("choices");
    for (int i = 0; i < contents.length; i++) {
      ObjectNode choice = choices.addObject();
      choice.put("index", i).put("finish_reason", finish);
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant").put("content", contents[i]);
      if (reasoning != null) {
        message.put("reasoning_content", reasoning);
      }
      if (logprobs != null) {
        ArrayNode content = choice.putObject("logprobs").putArray("content");
        List<String> tokens = (List<String>) logprobs[0];
        List<Double> probabilities = (List<Double>) logprobs[1];
        for (int t = 0; t < tokens.size(); t++) {
          content.addObject().put("token", tokens.get(t)).put("logprob", Math.log(probabilities.get(t)));
        }
      }
    }
    root.putObject("usage").put("prompt_tokens", 120).put("completion_tokens", 40 * contents.length);
    return new Reply(200, root.toString(), 0, null);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
