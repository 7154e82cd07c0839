package org.causalworkbench.core.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text a judge reads at once: one sentence, or two adjacent sentences for relations stated
 * across a sentence boundary.
 *
 * @param id {@code documentId/s<first>} or {@code documentId/s<first>-<second>}
 */
public record Unit(String id, String documentId, List<Sentence> sentences) {

  public Unit {
    sentences = List.copyOf(sentences);
  }

  public static Unit of(String documentId, List<Sentence> sentences) {
    String indexes =
        sentences.stream().map(s -> Integer.toString(s.index())).collect(Collectors.joining("-"));
    return new Unit(documentId + "/s" + indexes, documentId, sentences);
  }

  public boolean crossSentence() {
    return sentences.size() > 1;
  }

  public List<Integer> sentenceIndexes() {
    return sentences.stream().map(Sentence::index).toList();
  }

  public String text() {
    return sentences.stream().map(Sentence::text).collect(Collectors.joining(" "));
  }

  /** Where a document offset falls in {@link #text()}, which joins the sentences with one space. */
  public int offsetOf(int documentOffset) {
    int position = 0;
    for (Sentence s : sentences) {
      if (documentOffset <= s.end()) {
        return position + Math.max(0, documentOffset - s.begin());
      }
      position += s.text().length() + 1;
    }
    return position;
  }

  /** The document offset of {@code unitOffset} in {@link #text()}: the inverse of {@link #offsetOf}. */
  public int documentOffset(int unitOffset) {
    int position = 0;
    for (Sentence s : sentences) {
      int length = s.text().length();
      if (unitOffset <= position + length) {
        return s.begin() + Math.max(0, unitOffset - position);
      }
      position += length + 1;
    }
    Sentence last = sentences.get(sentences.size() - 1);
    return last.end();
  }

  /** A stretch of {@link #text()} given in unit offsets, as a span of the document (offsets and text). */
  public Span documentSpan(int unitBegin, int unitEnd) {
    int begin = documentOffset(unitBegin);
    int end = documentOffset(unitEnd);
    return new Span(begin, end, text().substring(unitBegin, unitEnd));
  }

  /** The index of the unit's sentence that holds {@code unitOffset}, or the last one. */
  public int sentenceAt(int unitOffset) {
    int position = 0;
    for (Sentence s : sentences) {
      position += s.text().length() + 1;
      if (unitOffset < position) {
        return s.index();
      }
    }
    return sentences.get(sentences.size() - 1).index();
  }

  /** The unit's sentence with document index {@code index}. */
  public Sentence sentence(int index) {
    for (Sentence s : sentences) {
      if (s.index() == index) {
        return s;
      }
    }
    throw new IllegalArgumentException("unit " + id + " has no sentence " + index);
  }
}
