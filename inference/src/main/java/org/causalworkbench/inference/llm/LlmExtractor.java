package org.causalworkbench.inference.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.causalworkbench.core.model.Polarity;
import org.causalworkbench.core.model.Relation;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.inference.cue.Claims;
import org.causalworkbench.inference.judge.AsyncCausalExtractor;
import org.causalworkbench.inference.judge.UnitRelations;

/**
 * The {@code llm} extractor: one {@code extract} prompt per unit, whose answer lists the unit's
 * relations ({@code cause}, {@code effect} and {@code signal} copied from the text, {@code
 * polarity}, {@code hedged}, {@code negated}). Each phrase is located in the unit's text ({@link
 * SpanLocator}); a relation whose cause or effect is not there is kept, with reason {@code
 * span_not_found}, and makes no edge. The model's qualifiers add to those the unit's words give; its
 * polarity stands unless it says unknown. With several samples a relation's probability is the
 * share of samples that name it, with one it is {@code llm.default-probability}. A unit without an
 * answer comes back with the reason ({@code truncated}, {@code timeout}, ...), never dropped.
 */
public final class LlmExtractor implements AsyncCausalExtractor {

  public static final String ID = "llm";
  public static final String SPAN_NOT_FOUND = "span_not_found";

  private final LlmSettings settings;
  private final PromptAsker asker;
  private final PromptTemplates prompts;
  private final String version;

  public LlmExtractor(LlmSettings settings) {
    this.settings = settings;
    this.asker = new PromptAsker(settings);
    this.prompts = PromptTemplates.load(settings.promptDir());
    this.version = settings.model() + "/extract-" + prompts.fingerprint(PromptTemplates.Task.EXTRACT);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public CompletableFuture<List<UnitRelations>> extractAsync(List<Unit> batch) {
    List<CompletableFuture<UnitRelations>> pending = new ArrayList<>(batch.size());
    for (Unit unit : batch) {
      pending.add(asker.ask(prompts.extract(unit.text()), "relations", unit.documentId())
          .thenApply(outcome -> read(unit, outcome)));
    }
    return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> pending.stream().map(CompletableFuture::join).toList());
  }


  private UnitRelations read(Unit unit, PromptAsker.Outcome outcome) {
    Verdict.Usage usage = new Verdict.Usage(outcome.tokensIn(), outcome.tokensOut(), outcome.latencyMillis());
    String reasoning = asker.cap(outcome.reasoning());
    if (outcome.failure() != null) {
      return new UnitRelations(unit, List.of(), outcome.failure().wire(),
          (outcome.error() == null ? "" : outcome.error() + "\n") + reasoning, usage, outcome.calls());
    }
    // Relations by where their arguments stand, with how many samples named them.
    Map<String, Relation> found = new LinkedHashMap<>();
    Map<String, Integer> votes = new LinkedHashMap<>();
    int samples = outcome.answers().size();
    for (AnswerParser.Parsed parsed : outcome.answers()) {
      JsonNode list = parsed.answer().path("relations");
      if (!list.isArray()) {
        return new UnitRelations(unit, List.of(), LlmFailure.MALFORMED.wire(),
            "the answer's \"relations\" is not a list\n" + reasoning, usage, outcome.calls());
      }
      Set<String> named = new HashSet<>();
      for (JsonNode item : list) {
        Relation r = relation(unit, item, reasoning);
        if (r == null) {
          continue;
        }
        String key = r.located() ? r.cause().begin() + ":" + r.cause().end() + ">" + r.effect().begin() + ":"
            + r.effect().end() : "?" + r.cause().text() + ">" + r.effect().text();
        found.putIfAbsent(key, r);
        if (named.add(key)) {
          votes.merge(key, 1, Integer::sum);
        }
      }
    }
    List<Relation> relations = new ArrayList<>();
    for (Map.Entry<String, Relation> e : found.entrySet()) {
      Relation r = e.getValue();
      double p = !r.located() ? 0 : samples > 1 ? (double) votes.get(e.getKey()) / samples
          : settings.defaultProbability();
      relations.add(r.withProbability(p, r.explanation() + (samples > 1 ? " (" + votes.get(e.getKey()) + " of "
          + samples + " samples)" : "")));
    }
    relations.sort((a, b) -> Double.compare(b.probability(), a.probability()));
    return new UnitRelations(unit, relations, null, reasoning, usage, outcome.calls());
  }

  /** One listed relation, located in the unit's text; null when it names no cause or no effect. */
  private Relation relation(Unit unit, JsonNode item, String reasoning) {
    String causeText = item.path("cause").asText("").strip();
    String effectText = item.path("effect").asText("").strip();
    if (causeText.isEmpty() || effectText.isEmpty()) {
      return null;
    }
    String text = unit.text();
    Span cause = SpanLocator.locate(text, causeText, null);
    Span effect = SpanLocator.locate(text, effectText, cause);
    String why = String.format(Locale.ROOT, "llm: cause '%s', effect '%s'", causeText, effectText)
        + (reasoning.isEmpty() ? "" : "\n" + reasoning);
    if (cause == null || effect == null || cause.overlaps(effect)) {
      String missing = cause == null ? "cause '" + causeText + "'" : effect == null ? "effect '" + effectText + "'"
          : "cause and effect (they overlap)";
      return new Relation(cause == null ? new Span(-1, -1, causeText) : cause,
          effect == null ? new Span(-1, -1, effectText) : effect, null, 0, Polarity.UNKNOWN, Set.of(), ID, version,
          "the " + missing + " is not in the text; " + why, SPAN_NOT_FOUND);
    }
    String signalText = item.path("signal").asText("").strip();
    Span signal = signalText.isEmpty() ? null : SpanLocator.locate(text, signalText, null);
    Relation read = Claims.relation(unit, cause, effect, signal, settings.defaultProbability(), ID, version, why)
        .withQualifiers(item.path("hedged").asBoolean(false), item.path("negated").asBoolean(false));
    Polarity said = Polarity.fromWire(item.path("polarity").asText(null));
    return said == Polarity.UNKNOWN ? read : read.withPolarity(said);
  }
}
