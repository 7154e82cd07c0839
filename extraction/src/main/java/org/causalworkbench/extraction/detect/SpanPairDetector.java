package org.causalworkbench.extraction.detect;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Dependency;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Mention;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Token;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.extraction.annotate.SentenceAnnotator;
import org.causalworkbench.inference.judge.AsyncCausalJudge;
import org.causalworkbench.inference.judge.CausalJudge;
import org.causalworkbench.inference.judge.Detection;

/**
 * Pair classification with any pair judge, for labelled pairs such as UniCausal's: the text is
 * annotated as the job would, the two labelled spans become the pair's mentions (each headed by
 * its token whose governor lies outside the span), and the judge's verdict counts as causal when it
 * says the first span causes the second.
 */
public final class SpanPairDetector implements AutoCloseable {

  private final SentenceAnnotator annotator;
  private final CausalJudge judge;

  public SpanPairDetector(SentenceAnnotator annotator, CausalJudge judge) {
    this.annotator = annotator;
    this.judge = judge;
  }

  public String id() {
    return judge.id();
  }

  /** Does [causeBegin, causeEnd) cause [effectBegin, effectEnd) in {@code text}? */
  public CompletableFuture<Detection> detect(String text, int causeBegin, int causeEnd, int effectBegin,
      int effectEnd) {
    Document document = new Document(ContentIds.documentId(text), "eval", "", text, Map.of());
    List<Sentence> sentences = annotator.annotate(document);
    Mention cause = mention(sentences, causeBegin, causeEnd, text);
    Mention effect = mention(sentences, effectBegin, effectEnd, text);
    if (cause == null || effect == null) {
      return CompletableFuture.completedFuture(new Detection(null, 0, "span_not_in_a_sentence", 0, 0));
    }
    int from = Math.min(cause.sentenceIndex(), effect.sentenceIndex());
    int to = Math.max(cause.sentenceIndex(), effect.sentenceIndex());
    Unit unit = Unit.of(document.id(), sentences.stream().filter(s -> s.index() >= from && s.index() <= to).toList());
    List<CandidatePair> pair = List.of(CandidatePair.of(unit, cause, effect));
    CompletableFuture<List<Verdict>> verdicts = judge instanceof AsyncCausalJudge async ? async.judgeAsync(pair)
        : CompletableFuture.completedFuture(judge.judge(pair));
    return verdicts.thenApply(v -> toDetection(v.get(0)));
  }

  private static Detection toDetection(Verdict v) {
    if (v.failure() != null) {
      return new Detection(null, 0, v.failure(), v.usage().tokensIn(), v.usage().tokensOut(), v.judgeId());
    }
    boolean causal = v.label() == CausalLabel.CAUSE_TO_EFFECT;
    // The verdict's probability is for its own direction; the labelled direction's is the rest.
    double p = v.label() == CausalLabel.EFFECT_TO_CAUSE ? 1 - v.probability() : v.probability();
    return new Detection(causal, p, null, v.usage().tokensIn(), v.usage().tokensOut(), v.judgeId());
  }

  /** The span as a mention of the sentence it starts in, headed by its syntactic head. */
  private static Mention mention(List<Sentence> sentences, int begin, int end, String text) {
    for (Sentence s : sentences) {
      if (begin < s.begin() || begin >= s.end()) {
        continue;
      }
      List<Token> tokens = s.tokens();
      int first = -1;
      int last = -1;
      for (Token t : tokens) {
        if (t.end() > begin && t.begin() < end) {
          first = first < 0 ? t.index() : first;
          last = t.index();
        }
      }
      if (first < 0) {
        return null;
      }
      int head = last;
      for (int i = first; i <= last; i++) {
        Dependency d = s.headOf(i);
        if (d == null || d.governor() < first || d.governor() > last) {
          head = i;
          break;
        }
      }
      int b = tokens.get(first).begin();
      int e = tokens.get(last).end();
      return new Mention(new Span(b, e, text.substring(b, e)), s.index(), first, last, head,
          tokens.get(head).lemma().toLowerCase(java.util.Locale.ROOT));
    }
    return null;
  }

  @Override
  public void close() {
    judge.close();
  }
}
