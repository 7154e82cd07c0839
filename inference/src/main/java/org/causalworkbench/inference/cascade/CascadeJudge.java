package org.causalworkbench.inference.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.inference.encoder.EncoderJudge;
import org.causalworkbench.inference.judge.AsyncCausalJudge;
import org.causalworkbench.inference.judge.CausalDetector;
import org.causalworkbench.inference.judge.Detection;
import org.causalworkbench.inference.llm.LlmJudge;
import org.causalworkbench.inference.llm.LlmSettings;

/**
 * The {@code cascade} judge: the encoder judges every pair; a pair whose encoder probability falls
 * inside the uncertainty band [{@code cascade.low}, {@code cascade.high}) goes to the llm judge,
 * whose verdict replaces the encoder's. Every verdict carries the id of the judge that decided it
 * ({@code encoder} or {@code llm}), so its evidence and belief are that judge's. When the llm gives
 * no answer (timeout, truncated reasoning, ...) the encoder's verdict stands, with the llm's
 * failure noted in its explanation: a pair never loses the answer it already had.
 */
public final class CascadeJudge implements AsyncCausalJudge, CausalDetector {

  /** Who decided a detection the llm was asked about but did not answer. */
  public static final String FALLBACK = "encoder_after_llm_failure";

  private final EncoderJudge encoder;
  private final LlmJudge llm;
  private final double low;
  private final double high;
  private final long deadlineMillis;

  public CascadeJudge(EncoderJudge encoder, LlmJudge llm, double low, double high) {
    this(encoder, llm, low, high, Long.MAX_VALUE);
  }

  /**
   * @param deadlineMillis how long the llm may take for a batch before the encoder's verdicts stand;
   *     shorter than the job operator's timeout, which would otherwise turn the whole batch unknown
   */
  public CascadeJudge(EncoderJudge encoder, LlmJudge llm, double low, double high, long deadlineMillis) {
    if (!(0 <= low && low <= high && high <= 1)) {
      throw new IllegalArgumentException("the cascade's band must satisfy 0 <= cascade.low <= cascade.high <= 1, got ["
          + low + ", " + high + ")");
    }
    this.encoder = encoder;
    this.llm = llm;
    this.low = low;
    this.high = high;
    this.deadlineMillis = deadlineMillis;
  }

  public static CascadeJudge fromConfig(WorkbenchConfig config) {
    LlmSettings settings = LlmSettings.from(config);
    return new CascadeJudge(new EncoderJudge(config), new LlmJudge(settings),
        config.getDouble(WorkbenchOptions.CASCADE_LOW), config.getDouble(WorkbenchOptions.CASCADE_HIGH),
        settings.cascadeDeadlineMillis());
  }

  /** Whether the encoder is unsure enough of probability {@code p} to ask the llm. */
  public boolean inBand(double p) {
    return low <= p && p < high;
  }

  @Override
  public String id() {
    return "cascade";
  }

  @Override
  public String version() {
    return encoder.version() + "+" + llm.version();
  }

  @Override
  public List<Verdict> judge(List<CandidatePair> batch) {
    return judgeAsync(batch).join();
  }

  @Override
  public CompletableFuture<List<Verdict>> judgeAsync(List<CandidatePair> batch) {
    List<Verdict> first = encoder.judge(batch);
    List<Integer> unsure = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      if (inBand(first.get(i).probability())) {
        unsure.add(i);
      }
    }
    if (unsure.isEmpty()) {
      return CompletableFuture.completedFuture(first);
    }
    List<CandidatePair> asked = unsure.stream().map(batch::get).toList();
    return llm.judgeAsync(asked)
        .completeOnTimeout(null, deadlineMillis, TimeUnit.MILLISECONDS)
        .thenApply(answers -> {
          List<Verdict> out = new ArrayList<>(first);
          for (int k = 0; k < unsure.size(); k++) {
            int i = unsure.get(k);
            Verdict answer = answers == null ? null : answers.get(k);
            String failure = answer == null ? "timeout" : answer.failure();
            out.set(i, failure == null ? answer : withNote(first.get(i), String.format(Locale.ROOT,
                " (in the cascade's band; the llm gave no answer: %s)", failure)));
          }
          return out;
        });
  }

  @Override
  public Verdict unanswered(CandidatePair pair, String reason, String detail) {
    return llm.unanswered(pair, reason, detail);
  }

  @Override
  public CompletableFuture<Detection> detect(String text) {
    Detection first = encoder.detect(text).join().decidedBy(encoder.id());
    if (!inBand(first.probability())) {
      return CompletableFuture.completedFuture(first);
    }
    return llm.detect(text).thenApply(d -> d.answered() ? d.decidedBy(llm.id())
        : new Detection(first.causal(), first.probability(), null, d.tokensIn(), d.tokensOut(), FALLBACK));
  }

  private static Verdict withNote(Verdict v, String note) {
    return new Verdict(v.evidenceId(), v.pairId(), v.documentId(), v.unitId(), v.sentences(), v.label(),
        v.probability(), v.judgeId(), v.judgeVersion(), v.cause(), v.effect(), v.causeVariable(), v.effectVariable(),
        v.explanation() + note, v.qualifiers(), v.failure(), v.usage(), v.signal(), v.polarity());
  }

  @Override
  public void close() {
    try {
      encoder.close();
    } finally {
      llm.close();
    }
  }
}
