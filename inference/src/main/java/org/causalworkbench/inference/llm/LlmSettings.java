package org.causalworkbench.inference.llm;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;

/** The llm judge's settings, read once from configuration (see the {@code llm.*} keys). */
public record LlmSettings(
    String endpoint,
    String model,
    boolean chatApi,
    String apiKeyEnv,
    double temperature,
    double topP,
    int maxTokens,
    int retryMaxTokens,
    int samples,
    boolean thinkPrefix,
    int concurrency,
    Duration timeout,
    int retries,
    Duration backoff,
    int reasoningMaxChars,
    double defaultProbability,
    String promptDir,
    Path cacheDir) implements Serializable {

  public static LlmSettings from(WorkbenchConfig config) {
    String api = config.get(WorkbenchOptions.LLM_API).trim();
    if (!api.equals("chat") && !api.equals("completions")) {
      throw new IllegalArgumentException("llm.api must be chat or completions, not '" + api + "'");
    }
    Path cache = config.getBoolean(WorkbenchOptions.LLM_CACHE)
        ? config.getPath(WorkbenchOptions.DATA_DIR).resolve("cache").resolve("llm") : null;
    return new LlmSettings(
        config.get(WorkbenchOptions.LLM_ENDPOINT).replaceAll("/+$", ""),
        config.get(WorkbenchOptions.LLM_MODEL),
        api.equals("chat"),
        config.get(WorkbenchOptions.LLM_API_KEY_ENV),
        config.getDouble(WorkbenchOptions.LLM_TEMPERATURE),
        config.getDouble(WorkbenchOptions.LLM_TOP_P),
        config.getInt(WorkbenchOptions.LLM_MAX_TOKENS),
        config.getInt(WorkbenchOptions.LLM_RETRY_MAX_TOKENS),
        Math.max(1, config.getInt(WorkbenchOptions.LLM_SAMPLES)),
        config.getBoolean(WorkbenchOptions.LLM_THINK_PREFIX),
        Math.max(1, config.getInt(WorkbenchOptions.LLM_CONCURRENCY)),
        Duration.ofSeconds(config.getLong(WorkbenchOptions.LLM_TIMEOUT_SECONDS)),
        Math.max(0, config.getInt(WorkbenchOptions.LLM_RETRIES)),
        Duration.ofMillis(config.getLong(WorkbenchOptions.LLM_BACKOFF_MS)),
        config.getInt(WorkbenchOptions.LLM_REASONING_MAX_CHARS),
        config.getDouble(WorkbenchOptions.LLM_DEFAULT_PROBABILITY),
        config.get(WorkbenchOptions.LLM_PROMPT_DIR),
        cache);
  }

  /**
   * How long a cascade waits for the llm before its first stage's answers stand: every try of a
   * request run to its timeout, and half a timeout more, so the llm's own failures arrive first.
   */
  public long cascadeDeadlineMillis() {
    long millis = timeout.toMillis();
    return millis * (retries + 1) + millis / 2;
  }

  /** The job's async operator timeout, after the cascade's deadline: {@code (retries + 2) x 2} timeouts. */
  public long operatorTimeoutMillis() {
    return timeout.toMillis() * (retries + 2) * 2;
  }

  /** Batches of {@code batchSize} the job keeps in flight to hold {@link #concurrency} requests going. */
  public int batchesInFlight(int batchSize) {
    return Math.max(2, 2 * (int) Math.ceil((double) concurrency / batchSize));
  }

  /** The API key from the environment variable {@link #apiKeyEnv}, or null. Never logged. */
  String apiKey() {
    String key = apiKeyEnv == null || apiKeyEnv.isBlank() ? null : System.getenv(apiKeyEnv);
    return key == null || key.isBlank() ? null : key;
  }
}
