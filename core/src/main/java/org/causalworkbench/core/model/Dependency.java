package org.causalworkbench.core.model;

/**
 * A typed dependency of a sentence (Universal Dependencies relation names, as CoreNLP emits them).
 *
 * @param governor token index of the head in the sentence, or -1 for the root
 * @param dependent token index of the dependent in the sentence
 */
public record Dependency(String relation, int governor, int dependent) {}
