package org.causalworkbench.inference.tagger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.causalworkbench.core.model.Span;

/**
 * The tagger's labels: {@value #SLOTS} relation slots, each with two BIO tag sets over the text's
 * word pieces, one for the arguments ({@code O, B-C, I-C, B-E, I-E}) and one for the signal ({@code
 * O, B-S, I-S}), apart because a signal often lies inside an argument. Slot k holds the k-th
 * relation in text order (by where its first argument starts), so a sentence with several
 * relations, which may share an argument, is tagged once per relation in one pass.
 */
public final class SpanTags {

  /** Relations one text can hold; more are rare (11 of 3,075 CNC training texts) and dropped. */
  public static final int SLOTS = 3;
  /** Argument tags per slot. */
  public static final int ARGUMENT_TAGS = 5;
  /** Signal tags per slot. */
  public static final int SIGNAL_TAGS = 3;
  /** Outputs per word piece: every slot's argument and signal tags. */
  public static final int OUTPUTS = SLOTS * (ARGUMENT_TAGS + SIGNAL_TAGS);

  static final int O = 0;
  static final int B_CAUSE = 1;
  static final int I_CAUSE = 2;
  static final int B_EFFECT = 3;
  static final int I_EFFECT = 4;
  static final int B_SIGNAL = 1;
  static final int I_SIGNAL = 2;
  /** A label the loss skips: special tokens, padding, signals of a source that marks none. */
  static final int IGNORE = -1;

  private SpanTags() {}

  /** The relations in slot order: by where their first argument starts, then by where it ends. */
  public static List<SpanRelation> slotOrder(List<SpanRelation> relations) {
    List<SpanRelation> sorted = new ArrayList<>(relations);
    sorted.sort(Comparator.comparingInt((SpanRelation r) -> Math.min(r.cause().begin(), r.effect().begin()))
        .thenComparingInt(r -> Math.max(r.cause().end(), r.effect().end())));
    return sorted.size() > SLOTS ? sorted.subList(0, SLOTS) : sorted;
  }

  /**
   * Argument labels of one text's word pieces for one relation: B on the first piece overlapping an
   * argument, I on the rest; the cause wins where the two overlap.
   *
   * @param pieces each piece's [begin, end) in the text, null for special tokens
   */
  static int[] argumentLabels(int[][] pieces, SpanRelation relation) {
    int[] labels = new int[pieces.length];
    boolean inCause = false;
    boolean inEffect = false;
    for (int t = 0; t < pieces.length; t++) {
      if (pieces[t] == null) {
        labels[t] = IGNORE;
        continue;
      }
      if (overlaps(pieces[t], relation.cause())) {
        labels[t] = inCause ? I_CAUSE : B_CAUSE;
        inCause = true;
      } else if (overlaps(pieces[t], relation.effect())) {
        labels[t] = inEffect ? I_EFFECT : B_EFFECT;
        inEffect = true;
      } else {
        labels[t] = O;
      }
    }
    return labels;
  }

  /** Signal labels of one relation: B on the first piece of each signal stretch, I on the rest. */
  static int[] signalLabels(int[][] pieces, SpanRelation relation) {
    int[] labels = new int[pieces.length];
    int previous = -1;
    for (int t = 0; t < pieces.length; t++) {
      if (pieces[t] == null) {
        labels[t] = IGNORE;
        continue;
      }
      int stretch = -1;
      for (int s = 0; s < relation.signals().size(); s++) {
        if (overlaps(pieces[t], relation.signals().get(s))) {
          stretch = s;
          break;
        }
      }
      labels[t] = stretch < 0 ? O : stretch == previous ? I_SIGNAL : B_SIGNAL;
      previous = stretch;
    }
    return labels;
  }

  private static boolean overlaps(int[] piece, Span span) {
    return piece[0] < span.end() && span.begin() < piece[1];
  }

  /**
   * Reads relations off one text's tag probabilities. In each slot the cause is the stretch of
   * pieces with the most evidence of being the cause: the largest sum of log-odds of p(cause) against
   * {@code threshold} over a contiguous run (so a piece or two the tagger doubts inside a long span
   * does not split it), and likewise the effect; a slot gives a relation when both have a piece at
   * {@code threshold} or above. Its probability is the lower of the two spans' mean piece
   * probabilities. Signal spans are the runs of the most probable signal tags. Spans are widened to
   * whole words; cause and effect lose punctuation at their edges. A relation another slot already
   * gave is kept once.
   *
   * @param arguments [piece][slot][argument tag] probabilities
   * @param signals [piece][slot][signal tag] probabilities
   * @param pieces each piece's [begin, end) in {@code text}, null for special tokens
   * @param threshold the argument probability a piece needs to count for a span
   */
  public static Decoded decode(String text, int[][] pieces, float[][][] arguments, float[][][] signals,
      double threshold) {
    List<SpanRelation> relations = new ArrayList<>();
    float presence = 0;
    for (int t = 0; t < pieces.length; t++) {
      if (pieces[t] != null) {
        presence = Math.max(presence, 1 - arguments[t][0][O]);
      }
    }
    for (int slot = 0; slot < SLOTS; slot++) {
      ScoredSpan cause = strongest(text, pieces, arguments, slot, B_CAUSE, I_CAUSE, threshold);
      ScoredSpan effect = strongest(text, pieces, arguments, slot, B_EFFECT, I_EFFECT, threshold);
      if (cause == null || effect == null || cause.span.overlaps(effect.span)) {
        continue;
      }
      List<Span> signalSpans = runs(text, pieces, signals, slot, B_SIGNAL, I_SIGNAL);
      SpanRelation found = new SpanRelation(cause.span, effect.span, signalSpans, Math.min(cause.score, effect.score));
      if (relations.stream().noneMatch(r -> r.sameArguments(found))) {
        relations.add(found);
      }
    }
    relations.sort(Comparator.comparingDouble(SpanRelation::probability).reversed());
    return new Decoded(relations, presence);
  }

  /** The run of pieces with the largest summed log-odds of being in the argument (Kadane); null when no piece reaches the threshold. */
  private static ScoredSpan strongest(String text, int[][] pieces, float[][][] p, int slot, int begin, int inside,
      double threshold) {
    double bias = Math.log(threshold / (1 - threshold));
    double best = 0;
    int bestFrom = -1;
    int bestTo = -1;
    double sum = 0;
    int from = -1;
    for (int t = 0; t < pieces.length; t++) {
      if (pieces[t] == null) {
        continue;
      }
      double q = Math.min(1 - 1e-6, Math.max(1e-6, p[t][slot][begin] + p[t][slot][inside]));
      double score = Math.log(q / (1 - q)) - bias;
      if (from < 0 || sum <= 0) {
        from = t;
        sum = 0;
      }
      sum += score;
      if (sum > best) {
        best = sum;
        bestFrom = from;
        bestTo = t;
      }
    }
    if (bestFrom < 0) {
      return null;
    }
    float total = 0;
    int count = 0;
    for (int t = bestFrom; t <= bestTo; t++) {
      if (pieces[t] != null) {
        total += p[t][slot][begin] + p[t][slot][inside];
        count++;
      }
    }
    Span span = trimmed(words(text, pieces[bestFrom][0], pieces[bestTo][1]), text);
    return span == null ? null : new ScoredSpan(span, total / count);
  }

  /** The span without punctuation and spaces at its edges; null when nothing is left. */
  static Span trimmed(Span s, String text) {
    int begin = s.begin();
    int end = s.end();
    while (begin < end && isEdge(text.charAt(begin))) {
      begin++;
    }
    while (end > begin && isEdge(text.charAt(end - 1))) {
      end--;
    }
    return begin == end ? null : new Span(begin, end, text.substring(begin, end));
  }

  private static boolean isEdge(char c) {
    return Character.isWhitespace(c) || ",.;:!?".indexOf(c) >= 0;
  }

  /**
   * What one text's tags say.
   *
   * @param relations found, most probable first
   * @param presence the largest probability, over the first slot's pieces, of any argument tag: how
   *     sure the tagger is that something is there at all, relations found or not
   */
  public record Decoded(List<SpanRelation> relations, float presence) {}

  private record ScoredSpan(Span span, float score) {}


  private static List<Span> runs(String text, int[][] pieces, float[][][] probabilities, int slot, int begin,
      int inside) {
    List<Span> out = new ArrayList<>();
    int start = -1;
    int end = -1;
    for (int t = 0; t <= pieces.length; t++) {
      int tag = t < pieces.length && pieces[t] != null ? argmax(probabilities[t][slot]) : O;
      boolean opens = tag == begin || (tag == inside && start < 0);
      boolean continues = tag == inside && start >= 0;
      if (start >= 0 && !continues) {
        out.add(words(text, start, end));
        start = -1;
      }
      if (opens) {
        start = pieces[t][0];
      }
      if (opens || continues) {
        end = pieces[t][1];
      }
    }
    return out;
  }

  /** [begin, end) widened to whole words, so a span never starts or ends inside a word. */
  static Span words(String text, int begin, int end) {
    while (begin > 0 && Character.isLetterOrDigit(text.charAt(begin - 1))
        && Character.isLetterOrDigit(text.charAt(begin))) {
      begin--;
    }
    while (end < text.length() && end > 0 && Character.isLetterOrDigit(text.charAt(end))
        && Character.isLetterOrDigit(text.charAt(end - 1))) {
      end++;
    }
    return new Span(begin, end, text.substring(begin, end));
  }

  private static int argmax(float[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }
}
