package org.causalworkbench.inference.tagger;

import java.util.ArrayList;
import java.util.List;
import org.causalworkbench.core.model.Span;

/**
 * One relation written as tags in its sentence, as the span data sets write them: {@code <ARG0>}
 * the cause, {@code <ARG1>} the effect and {@code <SIG0>}, {@code <SIG1>}, ... its signal words,
 * possibly inside an argument ({@code <ARG0><SIG0>to</SIG0> hold a rally</ARG0>}).
 */
public final class TaggedText {

  private TaggedText() {}

  /**
   * The untagged text and the relation's spans in it; null when the cause or the effect is
   * missing or empty.
   */
  public static Parsed parse(String tagged) {
    StringBuilder text = new StringBuilder();
    int causeBegin = -1;
    int causeEnd = -1;
    int effectBegin = -1;
    int effectEnd = -1;
    List<int[]> signals = new ArrayList<>();
    int signalBegin = -1;
    int i = 0;
    while (i < tagged.length()) {
      if (tagged.startsWith("<ARG0>", i)) {
        causeBegin = text.length();
        i += 6;
      } else if (tagged.startsWith("</ARG0>", i)) {
        causeEnd = text.length();
        i += 7;
      } else if (tagged.startsWith("<ARG1>", i)) {
        effectBegin = text.length();
        i += 6;
      } else if (tagged.startsWith("</ARG1>", i)) {
        effectEnd = text.length();
        i += 7;
      } else if (isSignalTag(tagged, i, "<SIG")) {
        signalBegin = text.length();
        i = tagged.indexOf('>', i) + 1;
      } else if (isSignalTag(tagged, i, "</SIG")) {
        if (signalBegin >= 0 && text.length() > signalBegin) {
          signals.add(new int[] {signalBegin, text.length()});
        }
        signalBegin = -1;
        i = tagged.indexOf('>', i) + 1;
      } else {
        text.append(tagged.charAt(i++));
      }
    }
    if (causeBegin < 0 || causeEnd <= causeBegin || effectBegin < 0 || effectEnd <= effectBegin) {
      return null;
    }
    String plain = text.toString();
    List<Span> signalSpans = signals.stream().map(s -> span(plain, s[0], s[1])).toList();
    return new Parsed(plain, new SpanRelation(span(plain, causeBegin, causeEnd), span(plain, effectBegin, effectEnd),
        signalSpans, 1.0));
  }

  /**
   * The text with {@code relation}'s tags written in, as the data sets write them ({@code <ARG0>},
   * {@code <ARG1>}, {@code <SIG0>}...): the inverse of {@link #parse}.
   */
  public static String write(String text, SpanRelation relation) {
    record Mark(int at, boolean open, int length, String tag) {}
    List<Mark> marks = new ArrayList<>();
    List<Span> spans = new ArrayList<>(List.of(relation.cause(), relation.effect()));
    spans.addAll(relation.signals());
    for (int i = 0; i < spans.size(); i++) {
      Span s = spans.get(i);
      String tag = i == 0 ? "ARG0" : i == 1 ? "ARG1" : "SIG" + (i - 2);
      marks.add(new Mark(s.begin(), true, s.end() - s.begin(), "<" + tag + ">"));
      marks.add(new Mark(s.end(), false, s.end() - s.begin(), "</" + tag + ">"));
    }
    // At one offset: closing tags first (inner ones first), then opening ones (outer ones first).
    marks.sort((a, b) -> a.at != b.at ? Integer.compare(a.at, b.at) : a.open != b.open ? (a.open ? 1 : -1)
        : a.open ? Integer.compare(b.length, a.length) : Integer.compare(a.length, b.length));
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Mark m : marks) {
      out.append(text, at, m.at).append(m.tag);
      at = m.at;
    }
    return out.append(text.substring(at)).toString();
  }

  /** A relation and the text it was tagged in. */
  public record Parsed(String text, SpanRelation relation) {}

  private static boolean isSignalTag(String s, int i, String prefix) {
    if (!s.startsWith(prefix, i)) {
      return false;
    }
    int close = s.indexOf('>', i);
    if (close < 0) {
      return false;
    }
    for (int j = i + prefix.length(); j < close; j++) {
      if (!Character.isLetterOrDigit(s.charAt(j))) {
        return false;
      }
    }
    return true;
  }

  static Span span(String text, int begin, int end) {
    return new Span(begin, end, text.substring(begin, end));
  }
}
