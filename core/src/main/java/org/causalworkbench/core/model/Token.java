package org.causalworkbench.core.model;

/**
 * A token of an annotated sentence.
 *
 * @param index position in its sentence, from 0
 * @param begin character offset in the document text (inclusive)
 * @param end character offset in the document text (exclusive)
 */
public record Token(int index, String word, String lemma, String pos, int begin, int end) {

  public boolean isNoun() {
    return pos.startsWith("NN");
  }
}
