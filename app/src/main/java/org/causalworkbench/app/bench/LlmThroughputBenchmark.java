package org.causalworkbench.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.inference.judge.Detection;
import org.causalworkbench.inference.llm.LlmJudge;
import org.causalworkbench.inference.llm.LlmSettings;

/**
 * How close the llm judge gets to a server's capacity: against {@link SimulatedLlmServer} with
 * latency L and concurrency C the ideal is C/L requests per second; the judge runs with
 * {@code llm.concurrency = C}. Prints achieved and ideal rates and their ratio.
 */
public final class LlmThroughputBenchmark {

  /** One measured point. */
  public record Point(int concurrency, long latencyMillis, int requests, double seconds) {
    public double rate() {
      return requests / seconds;
    }

    public double ideal() {
      return concurrency * 1000.0 / latencyMillis;
    }
  }

  public List<Point> run(long latencyMillis, List<Integer> concurrencies, int requestsPerSlot) {
    List<Point> points = new ArrayList<>();
    for (int c : concurrencies) {
      try (SimulatedLlmServer server = new SimulatedLlmServer(latencyMillis, c)) {
        WorkbenchConfig config = WorkbenchConfig.defaults()
            .with(WorkbenchOptions.LLM_ENDPOINT, server.endpoint())
            .with(WorkbenchOptions.LLM_CONCURRENCY, Integer.toString(c))
            .with(WorkbenchOptions.LLM_CACHE, "false");
        LlmJudge judge = new LlmJudge(LlmSettings.from(config));
        // warm up connections and the JIT
        join(judge, c, "warm-up");
        int requests = c * requestsPerSlot;
        long start = System.nanoTime();
        join(judge, requests, "item");
        Point point = new Point(c, latencyMillis, requests, (System.nanoTime() - start) / 1e9);
        points.add(point);
        System.out.printf(Locale.ROOT, "C=%-4d L=%d ms: %5d requests in %6.2f s = %8.1f req/s; ideal C/L = %8.1f; ratio %.3f%n",
            c, latencyMillis, requests, point.seconds(), point.rate(), point.ideal(), point.rate() / point.ideal());
      }
    }
    return points;
  }

  private static void join(LlmJudge judge, int requests, String prefix) {
    List<CompletableFuture<Detection>> all = new ArrayList<>(requests);
    for (int i = 0; i < requests; i++) {
      all.add(judge.detect(prefix + " " + i + ": the storm closed the port."));
    }
    for (CompletableFuture<Detection> f : all) {
      Detection d = f.join();
      if (!d.answered()) {
        throw new IllegalStateException("the simulated server's answer was not read: " + d.failure());
      }
    }
  }
}
