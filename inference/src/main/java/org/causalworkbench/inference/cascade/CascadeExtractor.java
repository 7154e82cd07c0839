package org.causalworkbench.inference.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.Relation;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.inference.judge.AsyncCausalExtractor;
import org.causalworkbench.inference.judge.UnitRelations;
import org.causalworkbench.inference.llm.LlmExtractor;
import org.causalworkbench.inference.llm.LlmFailure;
import org.causalworkbench.inference.llm.LlmSettings;
import org.causalworkbench.inference.tagger.SpanTags;
import org.causalworkbench.inference.tagger.TaggerExtractor;
import org.causalworkbench.inference.tagger.TaggerSettings;

/**
 * The extraction {@code cascade}: the span tagger reads every unit; a unit it is unsure of goes to
 * the llm extractor, whose relations replace the tagger's. Unsure means one of its relations has a
 * probability in the band [{@code cascade.extract.low}, {@code cascade.extract.high}), or, when it
 * found none, its confidence that anything causal is there at all lies in the band. Every relation
 * carries the extractor that found it. When the llm gives no answer (a failure, or no reply before
 * the cascade's own deadline, which comes before the job operator's timeout) the tagger's relations
 * stand, with the llm's failure noted: a unit never loses the answer it already had.
 */
public final class CascadeExtractor implements AsyncCausalExtractor {

  public static final String ID = "cascade";

  private final TaggerExtractor tagger;
  private final LlmExtractor llm;
  private final double low;
  private final double high;
  private final long deadlineMillis;

  /** @param deadlineMillis how long the llm may take for a batch before the tagger's answers stand */
  public CascadeExtractor(TaggerExtractor tagger, LlmExtractor llm, double low, double high, long deadlineMillis) {
    if (!(0 <= low && low <= high && high <= 1)) {
      throw new IllegalArgumentException("the cascade's band must satisfy 0 <= cascade.extract.low <="
          + " cascade.extract.high <= 1, got [" + low + ", " + high + ")");
    }
    this.tagger = tagger;
    this.llm = llm;
    this.low = low;
    this.high = high;
    this.deadlineMillis = deadlineMillis;
  }

  public static CascadeExtractor fromConfig(WorkbenchConfig config) {
    LlmSettings settings = LlmSettings.from(config);
    TaggerExtractor tagger = TaggerExtractor.open(TaggerSettings.from(config));
    return new CascadeExtractor(tagger, new LlmExtractor(settings), config.getDouble(WorkbenchOptions.CASCADE_EXTRACT_LOW),
        config.getDouble(WorkbenchOptions.CASCADE_EXTRACT_HIGH), settings.cascadeDeadlineMillis());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return tagger.version() + "+" + llm.version();
  }

  /** The cascade's first reader, whose model the tagger gate shares. */
  public TaggerExtractor tagger() {
    return tagger;
  }

  /** Whether the tagger is unsure enough of a unit with this reading to ask the llm. */
  boolean unsure(SpanTags.Decoded decoded) {
    if (decoded.relations().isEmpty()) {
      return inBand(decoded.presence());
    }
    return decoded.relations().stream().anyMatch(r -> inBand(r.probability()));
  }

  private boolean inBand(double p) {
    return low <= p && p < high;
  }

  @Override
  public CompletableFuture<List<UnitRelations>> extractAsync(List<Unit> batch) {
    List<SpanTags.Decoded> decoded = tagger.tag(batch);
    List<UnitRelations> first = new ArrayList<>(batch.size());
    List<Integer> asked = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      first.add(UnitRelations.of(batch.get(i), tagger.relations(batch.get(i), decoded.get(i))));
      if (unsure(decoded.get(i))) {
        asked.add(i);
      }
    }
    if (asked.isEmpty()) {
      return CompletableFuture.completedFuture(first);
    }
    List<Unit> units = asked.stream().map(batch::get).toList();
    CompletableFuture<List<UnitRelations>> answered;
    try {
      answered = llm.extractAsync(units);
    } catch (RuntimeException e) {
      answered = CompletableFuture.failedFuture(e);
    }
    return answered
        .completeOnTimeout(null, deadlineMillis, TimeUnit.MILLISECONDS)
        .handle((answers, error) -> {
          // Whatever went wrong with the llm, the tagger's answers stand.
          List<UnitRelations> out = new ArrayList<>(first);
          for (int k = 0; k < asked.size(); k++) {
            int i = asked.get(k);
            UnitRelations answer = answers == null || error != null ? null : answers.get(k);
            out.set(i, answer != null && answer.failure() == null ? answer
                : fallback(first.get(i), answer, error == null ? LlmFailure.TIMEOUT.wire()
                    : org.causalworkbench.core.model.DeadLetterReason.EXTRACTION_FAILED));
          }
          return out;
        });
  }

  /**
   * The tagger's relations, noting that the llm was asked and why it gave no answer ({@code
   * failed}'s reason, or {@code missing} when there is no answer at all).
   */
  private static UnitRelations fallback(UnitRelations tagged, UnitRelations failed, String missing) {
    String reason = failed == null ? missing : failed.failure();
    String note = String.format(Locale.ROOT, " (in the cascade's band; the llm gave no answer: %s)", reason);
    List<Relation> relations = tagged.relations().stream().map(r -> r.withExplanation(r.explanation() + note)).toList();
    Verdict.Usage usage = failed == null ? Verdict.Usage.NONE : failed.usage();
    return new UnitRelations(tagged.unit(), relations, reason, failed == null ? "no answer before the cascade's deadline"
        : failed.detail(), usage, failed == null ? 1 : failed.llmCalls());
  }


  @Override
  public void close() {
    try {
      tagger.close();
    } finally {
      llm.close();
    }
  }
}
