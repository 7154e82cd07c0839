package org.causalworkbench.inference.llm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Mention;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.inference.judge.AsyncCausalJudge;
import org.causalworkbench.inference.judge.CausalDetector;
import org.causalworkbench.inference.judge.Detection;

/**
 * The {@code llm} judge: asks a reasoning model behind an OpenAI-compatible API, one request per
 * candidate pair (the {@code pair} prompt) or per text ({@code detect}). An answer cut off inside
 * its reasoning is asked again once with the larger budget; what still has no answer becomes a
 * verdict labelled {@code unknown} with the reason, never dropped. With several samples the
 * answers are voted into a probability; with one, the answer tokens' log-probabilities give it
 * when the server returns them, else {@code llm.default-probability}.
 */
public final class LlmJudge implements AsyncCausalJudge, CausalDetector {

  private final LlmSettings settings;
  private final PromptAsker asker;
  private final PromptTemplates prompts;
  private final String version;

  public LlmJudge(LlmSettings settings) {
    this.settings = settings;
    this.asker = new PromptAsker(settings);
    this.prompts = PromptTemplates.load(settings.promptDir());
    this.version = settings.model() + "/pair-" + prompts.fingerprint(PromptTemplates.Task.PAIR);
  }

  @Override
  public String id() {
    return "llm";
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public void close() {
    // The HTTP client holds no resources that outlive its requests.
  }

  @Override
  public List<Verdict> judge(List<CandidatePair> batch) {
    return judgeAsync(batch).join();
  }

  @Override
  public CompletableFuture<List<Verdict>> judgeAsync(List<CandidatePair> batch) {
    List<CompletableFuture<Verdict>> pending = new ArrayList<>(batch.size());
    for (CandidatePair pair : batch) {
      pending.add(judgePair(pair));
    }
    return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> pending.stream().map(CompletableFuture::join).toList());
  }

  private CompletableFuture<Verdict> judgePair(CandidatePair pair) {
    String prompt = prompts.pair(pair.unit().text(), pair.first().span().text(), pair.second().span().text());
    return asker.ask(prompt, "answer", pair.unit().documentId()).thenApply(outcome -> verdict(pair, outcome));
  }

  @Override
  public CompletableFuture<Detection> detect(String text) {
    return asker.ask(prompts.detect(text), "answer", null).thenApply(outcome -> {
      if (outcome.failure() != null) {
        return new Detection(null, 0, outcome.failure().wire(), outcome.tokensIn(), outcome.tokensOut());
      }
      Vote vote = vote(outcome, value -> switch (value) {
        case "causal" -> CausalLabel.CAUSE_TO_EFFECT;
        case "noncausal", "non-causal", "not causal" -> CausalLabel.NONE;
        default -> null;
      });
      if (vote.label == null) {
        return new Detection(null, 0, LlmFailure.MALFORMED.wire(), outcome.tokensIn(), outcome.tokensOut());
      }
      return new Detection(vote.label.causal(), vote.causalProbability, null, outcome.tokensIn(), outcome.tokensOut());
    });
  }

  // ------------------------------------------------------------------ voting

  private record Vote(CausalLabel label, double causalProbability, String summary) {}

  private Vote vote(PromptAsker.Outcome outcome, java.util.function.Function<String, CausalLabel> read) {
    Map<CausalLabel, Integer> votes = new EnumMap<>(CausalLabel.class);
    List<CausalLabel> labels = new ArrayList<>();
    for (AnswerParser.Parsed parsed : outcome.answers()) {
      CausalLabel label = read.apply(normalise(parsed.answer().path("answer").asText("")));
      labels.add(label);
      if (label != null) {
        votes.merge(label, 1, Integer::sum);
      }
    }
    if (votes.isEmpty()) {
      return new Vote(null, 0, "");
    }
    CausalLabel winner = votes.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
    int counted = votes.values().stream().mapToInt(Integer::intValue).sum();
    double winnerShare;
    if (counted > 1) {
      winnerShare = (double) votes.get(winner) / counted;
    } else {
      int index = labels.indexOf(winner);
      winnerShare = answerProbability(outcome.choices().get(index), outcome.answers().get(index));
    }
    double causal = winner.causal() ? winnerShare : 1 - winnerShare;
    return new Vote(winner, causal, votes.get(winner) + " of " + counted + " answers");
  }

  /** Probability of a single answer: from the log-probabilities of its value's tokens, else the default. */
  private double answerProbability(OpenAiClient.Choice choice, AnswerParser.Parsed parsed) {
    List<OpenAiClient.TokenLogprob> tokens = choice.logprobs();
    String value = parsed.answer().path("answer").asText("");
    if (tokens == null || tokens.isEmpty() || value.isEmpty()) {
      return settings.defaultProbability();
    }
    StringBuilder text = new StringBuilder();
    int[] starts = new int[tokens.size()];
    for (int i = 0; i < tokens.size(); i++) {
      starts[i] = text.length();
      text.append(tokens.get(i).token());
    }
    int at = text.lastIndexOf(value);
    if (at < 0) {
      return settings.defaultProbability();
    }
    double logprob = 0;
    for (int i = 0; i < tokens.size(); i++) {
      int end = starts[i] + tokens.get(i).token().length();
      if (end > at && starts[i] < at + value.length()) {
        logprob += tokens.get(i).logprob();
      }
    }
    return Math.exp(logprob);
  }

  private static String normalise(String answer) {
    return answer.strip().toLowerCase(Locale.ROOT).replace(" ", "").replace("\u2192", "->");
  }

  private static CausalLabel pairLabel(String value) {
    return switch (value) {
      case "a->b", "acausesb" -> CausalLabel.CAUSE_TO_EFFECT;
      case "b->a", "bcausesa" -> CausalLabel.EFFECT_TO_CAUSE;
      case "none", "neither" -> CausalLabel.NONE;
      default -> null;
    };
  }

  private Verdict verdict(CandidatePair pair, PromptAsker.Outcome outcome) {
    Verdict.Usage usage = new Verdict.Usage(outcome.tokensIn(), outcome.tokensOut(), outcome.latencyMillis());
    String reasoning = asker.cap(outcome.reasoning());
    LlmFailure failure = outcome.failure();
    Vote vote = failure == null ? vote(outcome, LlmJudge::pairLabel) : null;
    if (vote != null && vote.label == null) {
      failure = LlmFailure.MALFORMED;
    }
    if (failure != null) {
      String why = failure.wire() + (outcome.error() != null ? ": " + outcome.error() : "")
          + (reasoning.isEmpty() ? "" : "\n" + reasoning);
      return build(pair, CausalLabel.UNKNOWN, 0, pair.first(), pair.second(), why, failure.wire(), usage);
    }
    boolean forward = vote.label != CausalLabel.EFFECT_TO_CAUSE;
    Mention cause = forward ? pair.first() : pair.second();
    Mention effect = forward ? pair.second() : pair.first();
    String why = "answer " + vote.label.wire() + " (" + vote.summary + ")" + (reasoning.isEmpty() ? "" : "\n" + reasoning);
    return build(pair, vote.label, vote.causalProbability, cause, effect, why, null, usage);
  }

  @Override
  public Verdict unanswered(CandidatePair pair, String reason, String detail) {
    return build(pair, CausalLabel.UNKNOWN, 0, pair.first(), pair.second(), reason + ": " + detail, reason,
        Verdict.Usage.NONE);
  }

  private Verdict build(CandidatePair pair, CausalLabel label, double probability, Mention cause, Mention effect,
      String explanation, String failure, Verdict.Usage usage) {
    String documentId = pair.unit().documentId();
    return new Verdict(ContentIds.evidenceId(documentId, pair.first().span(), pair.second().span(), id(), version),
        pair.id(), documentId, pair.unit().id(), pair.unit().sentenceIndexes(), label, probability, id(), version,
        cause.span(), effect.span(), cause.variable(), effect.variable(), explanation, Set.of(), failure, usage);
  }

}
