package org.causalworkbench.inference.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.causalworkbench.core.model.Span;

/**
 * Finds where a phrase a model copied from a text stands in it: exactly, then ignoring case, then
 * the run of whole words most alike to it (normalised edit distance over lower-case characters) if
 * at least {@link #MIN_SIMILARITY} alike. A phrase the text does not hold (invented, or rewritten
 * beyond that) is not found: a model's spans are never taken as they are.
 */
public final class SpanLocator {

  /** How alike a run of words must be to the model's phrase (1 = equal): tolerates a dropped article or a changed plural. */
  public static final double MIN_SIMILARITY = 0.85;

  private SpanLocator() {}

  /**
   * Where {@code phrase} stands in {@code text}, preferring a place that does not overlap {@code
   * avoid} (the relation's other argument; may be null); null when it is not there.
   */
  public static Span locate(String text, String phrase, Span avoid) {
    String wanted = phrase == null ? "" : phrase.strip();
    if (wanted.isEmpty()) {
      return null;
    }
    Span exact = occurrence(text, wanted, avoid, false);
    if (exact == null) {
      exact = occurrence(text, wanted, avoid, true);
    }
    return exact != null ? exact : closest(text, wanted, avoid);
  }

  /** The first occurrence standing as whole words (preferring one off {@code avoid}); null when none. */
  private static Span occurrence(String text, String phrase, Span avoid, boolean ignoreCase) {
    Span first = null;
    for (int at = 0; at + phrase.length() <= text.length(); at++) {
      if (!text.regionMatches(ignoreCase, at, phrase, 0, phrase.length()) || !wholeWords(text, at, at + phrase.length())) {
        continue;
      }
      Span s = new Span(at, at + phrase.length(), text.substring(at, at + phrase.length()));
      if (avoid == null || !s.overlaps(avoid)) {
        return s;
      }
      first = first == null ? s : first;
    }
    return first;
  }

  /** Whether [begin, end) neither starts nor ends inside a word: "rain" is not in "Training". */
  private static boolean wholeWords(String text, int begin, int end) {
    boolean startsInside = begin > 0 && Character.isLetterOrDigit(text.charAt(begin - 1))
        && Character.isLetterOrDigit(text.charAt(begin));
    boolean endsInside = end < text.length() && Character.isLetterOrDigit(text.charAt(end))
        && Character.isLetterOrDigit(text.charAt(end - 1));
    return !startsInside && !endsInside;
  }

  private static Span closest(String text, String phrase, Span avoid) {
    List<int[]> words = words(text);
    int n = phrase.split("\\s+").length;
    String wanted = phrase.toLowerCase(Locale.ROOT);
    Span best = null;
    double bestScore = MIN_SIMILARITY;
    for (int length = Math.max(1, n - 2); length <= n + 2; length++) {
      for (int w = 0; w + length <= words.size(); w++) {
        int begin = words.get(w)[0];
        int end = words.get(w + length - 1)[1];
        String candidate = text.substring(begin, end);
        double score = similarity(candidate.toLowerCase(Locale.ROOT), wanted);
        Span s = new Span(begin, end, candidate);
        if (avoid != null && s.overlaps(avoid)) {
          score -= 0.01;
        }
        if (score >= bestScore) {
          if (score > bestScore || best == null) {
            best = s;
          }
          bestScore = score;
        }
      }
    }
    return best;
  }

  /** 1 minus the edit distance over the longer length. */
  static double similarity(String a, String b) {
    int max = Math.max(a.length(), b.length());
    if (max == 0) {
      return 1;
    }
    if (Math.abs(a.length() - b.length()) > max * (1 - MIN_SIMILARITY) + 1) {
      return 0;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return 1 - (double) previous[b.length()] / max;
  }

  /** Runs of letters and digits (with inner hyphens and apostrophes): [begin, end) of each. */
  private static List<int[]> words(String text) {
    List<int[]> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i))
          || ((text.charAt(i) == '-' || text.charAt(i) == '\'') && i + 1 < text.length()
              && Character.isLetterOrDigit(text.charAt(i + 1))))) {
        i++;
      }
      out.add(new int[] {start, i});
    }
    return out;
  }
}
