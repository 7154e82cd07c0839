package org.causalworkbench.core.model;

/**
 * A candidate variable in a sentence: a noun phrase, or the cause part of an "X-induced" word.
 *
 * @param sentenceIndex document index of the sentence it is in
 * @param firstToken first token of the phrase in that sentence
 * @param lastToken last token of the phrase (inclusive)
 * @param headToken token that heads the phrase (its last noun)
 * @param variable the normalised variable name: lemmatised, lower case, determiners and numbers
 *     dropped
 */
public record Mention(
    Span span, int sentenceIndex, int firstToken, int lastToken, int headToken, String variable) {

  public boolean covers(int sentence, int token) {
    return sentence == sentenceIndex && firstToken <= token && token <= lastToken;
  }
}
