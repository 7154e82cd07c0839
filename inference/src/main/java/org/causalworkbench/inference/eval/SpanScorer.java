package org.causalworkbench.inference.eval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.causalworkbench.core.metrics.Confusion;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.inference.tagger.SpanRelation;

/**
 * Scores extracted relations as the Causal News Corpus subtask 2 scores them. Only texts with at
 * least one gold relation count (whether a text states one at all is the gate's question, scored
 * apart). Words are the text split on spaces; a span covers the words it overlaps. Each relation
 * gives a Cause, an Effect and its Signal stretches as word spans, and a predicted span counts only
 * where it matches a gold span exactly (CoNLL-style, as seqeval counts). Of a text's predicted
 * relations only the first N are kept, N its gold count (so extractors order them by probability),
 * missing ones count as relations with no spans, and with several gold relations the predictions
 * are matched to them in the order that scores best. Overall is the micro average over the three
 * kinds.
 *
 * <p>The shared task's own script tags words with BIO and reads a one-word argument as running on
 * to the next tag; here a span is exactly the words it covers.
 */
public final class SpanScorer {

  /** Span kinds, in the order reports list them. */
  public enum Kind { CAUSE, EFFECT, SIGNAL }

  /** One scored text: its gold relations and the extractor's, most probable first. */
  public record Row(String text, List<SpanRelation> gold, List<SpanRelation> predicted) {}

  /** Counts by kind; {@link #overall()} their sum. */
  public record Result(Map<Kind, Confusion> byKind, List<Confusion> perText) {

    /** How many texts were scored: those with gold relations. */
    public int texts() {
      return perText.size();
    }

    public Confusion overall() {
      return Confusion.sum(new ArrayList<>(byKind.values()));
    }

    public Confusion kind(Kind kind) {
      return byKind.getOrDefault(kind, Confusion.EMPTY);
    }
  }

  private SpanScorer() {}

  public static Result score(List<Row> rows) {
    Map<Kind, Confusion> byKind = new EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) {
      byKind.put(k, Confusion.EMPTY);
    }
    List<Confusion> perText = new ArrayList<>();
    for (Row row : rows) {
      if (row.gold().isEmpty()) {
        continue;
      }
      Map<Kind, Confusion> best = bestMatch(row);
      best.forEach((k, c) -> byKind.merge(k, c, Confusion::plus));
      perText.add(Confusion.sum(new ArrayList<>(best.values())));
    }
    return new Result(byKind, perText);
  }

  /** The text's counts under the assignment of its predictions to its gold relations that scores best. */
  static Map<Kind, Confusion> bestMatch(Row row) {
    List<int[]> words = words(row.text());
    List<Relation> gold = row.gold().stream().map(r -> Relation.of(r, words)).toList();
    List<Relation> predicted = new ArrayList<>();
    for (SpanRelation r : row.predicted()) {
      if (predicted.size() == gold.size()) {
        break;
      }
      predicted.add(Relation.of(r, words));
    }
    while (predicted.size() < gold.size()) {
      predicted.add(Relation.NONE);
    }
    Map<Kind, Confusion> best = null;
    double bestF1 = -1;
    for (int[] order : permutations(gold.size())) {
      Map<Kind, Confusion> counts = new EnumMap<>(Kind.class);
      for (int g = 0; g < gold.size(); g++) {
        Relation p = predicted.get(order[g]);
        Relation t = gold.get(g);
        counts.merge(Kind.CAUSE, match(p.cause, t.cause), Confusion::plus);
        counts.merge(Kind.EFFECT, match(p.effect, t.effect), Confusion::plus);
        counts.merge(Kind.SIGNAL, matchAll(p.signals, t.signals), Confusion::plus);
      }
      double f1 = Confusion.sum(new ArrayList<>(counts.values())).f1();
      if (f1 > bestF1) {
        bestF1 = f1;
        best = counts;
      }
    }
    return best;
  }

  private static Confusion match(int[] predicted, int[] gold) {
    if (predicted == null && gold == null) {
      return Confusion.EMPTY;
    }
    if (predicted != null && gold != null && predicted[0] == gold[0] && predicted[1] == gold[1]) {
      return new Confusion(1, 0, 0, 0);
    }
    return new Confusion(0, predicted == null ? 0 : 1, gold == null ? 0 : 1, 0);
  }

  private static Confusion matchAll(List<int[]> predicted, List<int[]> gold) {
    Map<Long, Integer> left = new HashMap<>();
    gold.forEach(g -> left.merge(key(g), 1, Integer::sum));
    long tp = 0;
    for (int[] p : predicted) {
      Integer n = left.get(key(p));
      if (n != null && n > 0) {
        left.put(key(p), n - 1);
        tp++;
      }
    }
    return new Confusion(tp, predicted.size() - tp, gold.size() - tp, 0);
  }

  private static long key(int[] words) {
    return ((long) words[0] << 32) | words[1];
  }

  /** A relation as word spans: [first word, last word] of each argument, null when absent. */
  private record Relation(int[] cause, int[] effect, List<int[]> signals) {
    static final Relation NONE = new Relation(null, null, List.of());

    static Relation of(SpanRelation r, List<int[]> words) {
      List<int[]> signals = new ArrayList<>();
      for (Span s : r.signals()) {
        int[] w = wordSpan(s, words);
        if (w != null) {
          signals.add(w);
        }
      }
      return new Relation(wordSpan(r.cause(), words), wordSpan(r.effect(), words), signals);
    }
  }

  /** The first and last word a span overlaps; null when it overlaps none. */
  static int[] wordSpan(Span span, List<int[]> words) {
    int first = -1;
    int last = -1;
    for (int w = 0; w < words.size(); w++) {
      int[] word = words.get(w);
      if (word[0] < span.end() && span.begin() < word[1]) {
        first = first < 0 ? w : first;
        last = w;
      }
    }
    return first < 0 ? null : new int[] {first, last};
  }

  /** The text's words, split on single spaces as the data sets write them: [begin, end) of each. */
  static List<int[]> words(String text) {
    List<int[]> words = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == ' ') {
        if (i > start) {
          words.add(new int[] {start, i});
        }
        start = i + 1;
      }
    }
    return words;
  }

  /** Every ordering of 0..n-1 (n is at most a handful: relations per text). */
  static List<int[]> permutations(int n) {
    List<int[]> out = new ArrayList<>();
    permute(new int[n], new boolean[n], 0, out);
    return out;
  }

  private static void permute(int[] current, boolean[] used, int depth, List<int[]> out) {
    if (depth == current.length) {
      out.add(current.clone());
      return;
    }
    for (int i = 0; i < current.length; i++) {
      if (!used[i]) {
        used[i] = true;
        current[depth] = i;
        permute(current, used, depth + 1, out);
        used[i] = false;
      }
    }
  }
}
