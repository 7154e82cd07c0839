package org.causalworkbench.inference.cue;

/**
 * A causal claim the cue rules found in a unit, between two argument head tokens.
 *
 * @param cue the words that signal it ("caused", "due to", "as a result")
 * @param rule which rule matched, for the explanation
 * @param cueToken the token of the effect's sentence the rule hangs on (the causing verb, or the
 *     verb a preposition or connective attaches to), where negation and hedging are looked for
 */
public record CausalLink(
    int causeSentence,
    int causeToken,
    int effectSentence,
    int effectToken,
    String cue,
    String rule,
    double probability,
    boolean hedged,
    boolean negated,
    int cueToken) {}
