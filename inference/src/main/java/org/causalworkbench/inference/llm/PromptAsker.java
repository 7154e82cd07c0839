package org.causalworkbench.inference.llm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Asks the reasoning model one prompt and reads its answers ({@link AnswerParser}): an answer cut
 * off inside its reasoning is asked once more with {@code llm.retry-max-tokens}; what still has no
 * answer comes back with the reason. Shared by the llm judge and the llm extractor.
 */
final class PromptAsker {

  /**
   * The parsed answers of one prompt, or why there are none, with what it cost.
   *
   * @param calls requests made: 1, or 2 when a truncated answer was asked again
   */
  record Outcome(List<AnswerParser.Parsed> answers, List<OpenAiClient.Choice> choices, LlmFailure failure,
      String reasoning, String error, int tokensIn, int tokensOut, long latencyMillis, int calls) {}

  private final LlmSettings settings;
  private final OpenAiClient client;
  private final AnswerParser parser = new AnswerParser();

  PromptAsker(LlmSettings settings) {
    this.settings = settings;
    this.client = new OpenAiClient(settings);
  }

  /** Asks {@code prompt}; an answer is the last JSON object with {@code key} after the reasoning. */
  CompletableFuture<Outcome> ask(String prompt, String key, String documentId) {
    return call(prompt, key, documentId, settings.maxTokens(), 0, 0, 0, 0).thenCompose(first -> {
      boolean retry = first.failure() == LlmFailure.TRUNCATED && settings.retryMaxTokens() > settings.maxTokens();
      if (!retry) {
        return CompletableFuture.completedFuture(first);
      }
      return call(prompt, key, documentId, settings.retryMaxTokens(), first.tokensIn(), first.tokensOut(), first.latencyMillis(),
          first.calls());
    });
  }

  private CompletableFuture<Outcome> call(String prompt, String key, String documentId, int maxTokens, int tokensIn,
      int tokensOut, long latency, int calls) {
    return client.complete(prompt, maxTokens, documentId).handle((response, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        LlmFailure reason = cause instanceof OpenAiClient.CallException call ? call.reason() : LlmFailure.HTTP_ERROR;
        return new Outcome(List.of(), List.of(), reason, "", cause.getMessage(), tokensIn, tokensOut, latency,
            calls + 1);
      }
      List<AnswerParser.Parsed> answered = new ArrayList<>();
      List<OpenAiClient.Choice> answeredChoices = new ArrayList<>();
      Map<LlmFailure, Integer> failures = new EnumMap<>(LlmFailure.class);
      String reasoning = "";
      for (OpenAiClient.Choice choice : response.choices()) {
        AnswerParser.Parsed parsed = parser.parse(choice, key);
        if (reasoning.isEmpty()) {
          reasoning = parsed.reasoning();
        }
        if (parsed.answered()) {
          answered.add(parsed);
          answeredChoices.add(choice);
        } else {
          failures.merge(parsed.failure(), 1, Integer::sum);
        }
      }
      LlmFailure failure = answered.isEmpty()
          ? failures.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
              .orElse(LlmFailure.NO_ANSWER)
          : null;
      return new Outcome(answered, answeredChoices, failure, reasoning, null, tokensIn + response.promptTokens(),
          tokensOut + response.completionTokens(), latency + response.latencyMillis(), calls + (response.cached() ? 0 : 1));
    });
  }

  /** The reasoning cut to {@code llm.reasoning-max-chars}, saying so. */
  String cap(String reasoning) {
    if (reasoning == null) {
      return "";
    }
    return reasoning.length() <= settings.reasoningMaxChars() ? reasoning
        : reasoning.substring(0, settings.reasoningMaxChars()) + " [reasoning cut at " + settings.reasoningMaxChars()
            + " characters]";
  }
}
