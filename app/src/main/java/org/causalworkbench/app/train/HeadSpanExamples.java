package org.causalworkbench.app.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Token;
import org.causalworkbench.extraction.annotate.SentenceAnnotator;
import org.causalworkbench.inference.encoder.PairExample;
import org.causalworkbench.inference.tagger.SpanExample;
import org.causalworkbench.inference.tagger.SpanRelation;

/**
 * Span-tagger examples from a pair file whose arguments are head words (UniCausal's SemEval-2010
 * Task 8 rows: "The {@code <ARG1>burst</ARG1>} has been caused by water hammer {@code
 * <ARG0>pressure</ARG0>}"): each head is widened to its noun phrase on CoreNLP's parts of speech (the
 * adjectives, nouns and participles that run up to it, and the nouns of a compound after it), so
 * the tagger learns variable-sized arguments, "water hammer pressure". A text with a causal pair
 * gives its relations; a text with none is an example without relations, kept at {@code
 * negativeFraction} (these corpora mark one pair per text, so the others may hold causes no one
 * marked). The texts mark no signals.
 */
public final class HeadSpanExamples {

  private final SentenceAnnotator annotator;
  private final double negativeFraction;
  private final Random random;

  public HeadSpanExamples(SentenceAnnotator annotator, double negativeFraction, long seed) {
    this.annotator = annotator;
    this.negativeFraction = negativeFraction;
    this.random = new Random(seed);
  }

  /** @param pairs the file's labelled pairs (text examples are ignored) */
  public List<SpanExample> from(List<PairExample> pairs, String source) {
    Map<String, List<PairExample>> byText = new LinkedHashMap<>();
    for (PairExample p : pairs) {
      if (!p.isDetection()) {
        byText.computeIfAbsent(p.text(), t -> new ArrayList<>()).add(p);
      }
    }
    List<SpanExample> out = new ArrayList<>();
    for (Map.Entry<String, List<PairExample>> e : byText.entrySet()) {
      List<PairExample> causal = e.getValue().stream().filter(PairExample::causal).toList();
      if (causal.isEmpty()) {
        if (random.nextDouble() < negativeFraction) {
          out.add(new SpanExample(e.getKey(), List.of(), false, source));
        }
        continue;
      }
      List<Token> tokens = tokens(e.getKey());
      List<SpanRelation> relations = new ArrayList<>();
      for (PairExample p : causal) {
        Span cause = widen(e.getKey(), tokens, p.causeBegin(), p.causeEnd());
        Span effect = widen(e.getKey(), tokens, p.effectBegin(), p.effectEnd());
        if (cause != null && effect != null && !cause.overlaps(effect)) {
          relations.add(new SpanRelation(cause, effect, List.of(), 1));
        }
      }
      if (!relations.isEmpty()) {
        out.add(new SpanExample(e.getKey(), relations, false, source));
      }
    }
    return out;
  }

  private List<Token> tokens(String text) {
    Document d = new Document(ContentIds.documentId(text), "train", "", text, Map.of());
    List<Token> out = new ArrayList<>();
    for (Sentence s : annotator.annotate(d)) {
      out.addAll(s.tokens());
    }
    return out;
  }

  /** The head span widened over its noun phrase's modifiers before it and compound nouns after it. */
  static Span widen(String text, List<Token> tokens, int begin, int end) {
    int first = -1;
    int last = -1;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.end() > begin && t.begin() < end) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    if (first < 0) {
      return null;
    }
    while (first > 0 && modifier(tokens.get(first - 1)) && touchesPhrase(tokens, first - 1)) {
      first--;
    }
    while (last + 1 < tokens.size() && tokens.get(last + 1).isNoun() && tokens.get(last).isNoun()) {
      last++;
    }
    int b = tokens.get(first).begin();
    int e = tokens.get(last).end();
    return new Span(b, e, text.substring(b, e));
  }

  private static boolean modifier(Token t) {
    String pos = t.pos();
    return pos.startsWith("NN") || pos.startsWith("JJ") || pos.equals("VBN") || pos.equals("VBG") || pos.equals("HYPH");
  }

  /** A modifier belongs to the phrase unless a participle is the clause's verb ("the fire caused damage"). */
  private static boolean touchesPhrase(List<Token> tokens, int i) {
    Token t = tokens.get(i);
    return !(t.pos().equals("VBN") || t.pos().equals("VBG")) || i > 0 && (tokens.get(i - 1).pos().equals("DT")
        || tokens.get(i - 1).pos().startsWith("JJ") || tokens.get(i - 1).pos().equals("HYPH"));
  }
}
