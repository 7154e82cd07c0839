package org.causalworkbench.app.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Mention;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.extraction.annotate.SentenceAnnotator;
import org.causalworkbench.extraction.candidates.CandidatePairGenerator;
import org.causalworkbench.extraction.candidates.MentionExtractor;
import org.causalworkbench.extraction.candidates.UnitBuilder;
import org.causalworkbench.inference.encoder.PairExample;

/**
 * Training pairs made the way the job makes candidates: each labelled sentence is annotated and
 * split into units, the mention extractor forms candidate pairs, and a pair is causal when its
 * mentions stand for the labelled cause and effect spans of a causal example: the first mention
 * whose head lies in the span ("the heavy snow on the pass" stands as "heavy snow", not "pass"). Both
 * directions are examples (the wrong one negative); other pairs of the sentence are negatives, at
 * most {@code negativesPerText} of them, so the classifier learns which phrases, not just whether
 * the sentence, state a cause.
 */
public final class CandidatePairExamples {

  private final SentenceAnnotator annotator;
  private final CandidatePairGenerator pairs;
  private final UnitBuilder units = new UnitBuilder();
  private final int negativesPerText;
  private final Random random;

  public CandidatePairExamples(SentenceAnnotator annotator, CandidatePairGenerator pairs, int negativesPerText,
      long seed) {
    this.annotator = annotator;
    this.pairs = pairs;
    this.negativesPerText = negativesPerText;
    this.random = new Random(seed);
  }

  /** Examples from one labelled span pair (a UniCausal row). */
  public List<PairExample> from(PairExample labelled) {
    Document document = new Document(ContentIds.documentId(labelled.text()), labelled.source(), "", labelled.text(),
        Map.of());
    List<Sentence> sentences = annotator.annotate(document);
    MentionExtractor extractor = new MentionExtractor();
    List<Mention> mentions = new ArrayList<>();
    sentences.forEach(s -> mentions.addAll(extractor.mentions(s)));
    int causeHead = representative(mentions, sentences, labelled.causeBegin(), labelled.causeEnd());
    int effectHead = representative(mentions, sentences, labelled.effectBegin(), labelled.effectEnd());
    List<PairExample> positives = new ArrayList<>();
    List<PairExample> negatives = new ArrayList<>();
    for (Unit unit : units.units(document.id(), sentences)) {
      for (CandidatePair pair : pairs.pairs(unit)) {
        Mention a = pair.first();
        Mention b = pair.second();
        int headA = headOffset(a, sentences);
        int headB = headOffset(b, sentences);
        boolean forward = labelled.causal() && headA == causeHead && headB == effectHead;
        boolean backward = labelled.causal() && headB == causeHead && headA == effectHead;
        PairExample ab = example(pair, a, b, forward, labelled.source());
        PairExample ba = example(pair, b, a, backward, labelled.source());
        if (forward || backward) {
          positives.add(ab);
          positives.add(ba);
        } else {
          negatives.add(random.nextBoolean() ? ab : ba);
        }
      }
    }
    java.util.Collections.shuffle(negatives, random);
    positives.addAll(negatives.subList(0, Math.min(negatives.size(), negativesPerText)));
    return positives;
  }

  /** Head offset of the first mention whose head lies in [begin, end), or -1. */
  private static int representative(List<Mention> mentions, List<Sentence> sentences, int begin, int end) {
    for (Mention m : mentions) {
      int head = headOffset(m, sentences);
      if (begin <= head && head < end) {
        return head;
      }
    }
    return -1;
  }

  private static int headOffset(Mention m, List<Sentence> sentences) {
    for (Sentence s : sentences) {
      if (s.index() == m.sentenceIndex()) {
        return s.tokens().get(m.headToken()).begin();
      }
    }
    return m.span().begin();
  }

  private static PairExample example(CandidatePair pair, Mention cause, Mention effect, boolean causal, String source) {
    Unit unit = pair.unit();
    return new PairExample(unit.text(), unit.offsetOf(cause.span().begin()), unit.offsetOf(cause.span().end()),
        unit.offsetOf(effect.span().begin()), unit.offsetOf(effect.span().end()), causal, source);
  }
}
