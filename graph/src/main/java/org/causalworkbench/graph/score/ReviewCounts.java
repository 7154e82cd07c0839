package org.causalworkbench.graph.score;

/** How often analysts found a judge's evidence right and wrong. */
public record ReviewCounts(int correct, int incorrect) {

  public static final ReviewCounts NONE = new ReviewCounts(0, 0);

  public ReviewCounts plus(ReviewCounts other) {
    return new ReviewCounts(correct + other.correct, incorrect + other.incorrect);
  }
}
