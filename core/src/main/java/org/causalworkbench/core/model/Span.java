package org.causalworkbench.core.model;

/** A stretch of a document's text: character offsets and the text they cover. */
public record Span(int begin, int end, String text) {

  public boolean contains(Span other) {
    return begin <= other.begin && other.end <= end;
  }

  public boolean overlaps(Span other) {
    return begin < other.end && other.begin < end;
  }
}
