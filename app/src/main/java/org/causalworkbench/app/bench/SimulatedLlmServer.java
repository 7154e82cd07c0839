package org.causalworkbench.app.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for an inference server on 127.0.0.1: every chat completion takes a fixed latency, and
 * at most {@code concurrency} are served at once (the rest wait), like a GPU server with a fixed
 * batch. It answers every prompt with one short R1-style reply that reads as an answer to the
 * detect prompt ("causal") and to the extract prompt (no relations), and counts the requests.
 */
public final class SimulatedLlmServer implements AutoCloseable {

  private static final byte[] REPLY = ("{\"choices\": [{\"index\": 0, \"finish_reason\": \"stop\", \"message\":"
      + " {\"role\": \"assistant\", \"content\": \"<think>\\nThe verb states a cause.\\n</think>\\n"
      + "{\\\"answer\\\": \\\"causal\\\", \\\"relations\\\": []}\"}}], \"usage\": {\"prompt_tokens\": 200,"
      + " \"completion_tokens\": 30}}")
      .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService workers;
  private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

  public SimulatedLlmServer(long latencyMillis, int concurrency) {
    // Real servers (uvicorn under vLLM) set TCP_NODELAY; without it the JDK server's separate
    // header and body writes meet the client's delayed ACK and add ~40 ms to every reply.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    workers = Executors.newFixedThreadPool(concurrency);
    server.createContext("/v1/chat/completions", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        requests.incrementAndGet();
        Thread.sleep(latencyMillis);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, REPLY.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(REPLY);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.setExecutor(workers);
    server.start();
  }

  /** Chat completions received so far. */
  public long requests() {
    return requests.get();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
