package org.causalworkbench.inference.cue;

import java.util.Map;
import java.util.Set;

/**
 * The words the cue rules react to, each with the probability that a plain (unhedged, unnegated)
 * use states causation. Verbs that name a change ("raise", "reduce") are causal but vaguer than
 * "cause", so they score lower.
 */
final class CueLexicon {

  /** Verbs whose subject causes their object: "X causes Y"; passive: "Y is caused by X". */
  static final Map<String, Double> CAUSING_VERBS = Map.ofEntries(
      Map.entry("cause", 0.9), Map.entry("trigger", 0.9), Map.entry("induce", 0.9), Map.entry("provoke", 0.85),
      Map.entry("spark", 0.85), Map.entry("drive", 0.8), Map.entry("fuel", 0.8), Map.entry("prompt", 0.8),
      Map.entry("spur", 0.8), Map.entry("produce", 0.7), Map.entry("generate", 0.7), Map.entry("create", 0.6),
      Map.entry("increase", 0.7), Map.entry("raise", 0.75), Map.entry("reduce", 0.75), Map.entry("lower", 0.7),
      Map.entry("decrease", 0.7), Map.entry("boost", 0.75), Map.entry("cut", 0.6), Map.entry("worsen", 0.75),
      Map.entry("improve", 0.65), Map.entry("damage", 0.75), Map.entry("destroy", 0.75), Map.entry("kill", 0.8),
      Map.entry("weaken", 0.7), Map.entry("strengthen", 0.7), Map.entry("accelerate", 0.75),
      Map.entry("curb", 0.7), Map.entry("hurt", 0.75), Map.entry("harm", 0.75), Map.entry("disrupt", 0.8),
      Map.entry("deplete", 0.75), Map.entry("pollute", 0.8), Map.entry("contaminate", 0.8),
      Map.entry("erode", 0.75), Map.entry("depress", 0.7), Map.entry("inflate", 0.7), Map.entry("slow", 0.6),
      Map.entry("alleviate", 0.7), Map.entry("relieve", 0.7), Map.entry("ease", 0.6), Map.entry("shrink", 0.7),
      Map.entry("expand", 0.6), Map.entry("stimulate", 0.8), Map.entry("suppress", 0.7),
      // preventing and enabling are causing too: "X halted Y" says X made Y stop
      Map.entry("prevent", 0.75), Map.entry("inhibit", 0.75), Map.entry("halt", 0.7), Map.entry("block", 0.65),
      Map.entry("force", 0.7), Map.entry("promote", 0.7), Map.entry("feed", 0.6));

  /** Verbs whose subject causes the object of a preposition: "X leads to Y", "X results in Y". */
  static final Map<String, Map<String, Double>> CAUSING_VERBS_WITH_PREPOSITION = Map.of(
      "lead", Map.of("to", 0.85),
      "result", Map.of("in", 0.9),
      "contribute", Map.of("to", 0.7),
      "give", Map.of("to", 0.6));

  /** Verbs whose subject is the effect of a "from" phrase: "Y results from X", "Y stems from X". */
  static final Map<String, Double> RESULTING_VERBS = Map.of(
      "result", 0.9, "stem", 0.9, "arise", 0.85, "follow", 0.8, "originate", 0.8, "derive", 0.6, "come", 0.5);

  /** Prepositional relations whose object is a cause: "Y fell due to X". */
  static final Map<String, Double> CAUSAL_PREPOSITIONS = Map.of(
      "due_to", 0.9, "because_of", 0.9, "owing_to", 0.9, "thanks_to", 0.8, "on_account_of", 0.85,
      "as_a_result_of", 0.9, "as_result_of", 0.9, "in_the_wake_of", 0.6);

  /** Subordinate clauses that give a cause: "Y fell because X rose". */
  static final Map<String, Double> CAUSAL_CLAUSES = Map.of("because", 0.9, "since", 0.5);

  /** Nouns that name a cause: "X is a cause of Y". */
  static final Map<String, Double> CAUSE_NOUNS = Map.of("cause", 0.85, "driver", 0.8, "source", 0.6);

  /** Nouns that name an effect: "Y is a consequence of X". */
  static final Map<String, Double> EFFECT_NOUNS = Map.of(
      "consequence", 0.85, "result", 0.85, "effect", 0.75, "outcome", 0.75, "product", 0.5, "byproduct", 0.7);

  /** Adverbs that say the clause follows from what came before: "X rose; therefore Y fell". */
  static final Map<String, Double> RESULT_ADVERBS = Map.of(
      "therefore", 0.8, "consequently", 0.85, "thus", 0.7, "hence", 0.75, "accordingly", 0.7);

  /** Nouns of "as a result", "as a consequence". */
  static final Set<String> RESULT_PHRASE_NOUNS = Set.of("result", "consequence");

  /** Words after a hyphen that make the word before it a cause: "drought-induced". */
  static final Map<String, Double> HYPHEN_CAUSES = Map.of(
      "induce", 0.85, "drive", 0.8, "cause", 0.85, "trigger", 0.85, "fuel", 0.75, "relate", 0.4);

  /** Nouns of measure whose "of" phrase the cue rules take as the argument: "the level of nitrogen". */
  static final Set<String> MEASURE_NOUNS = Set.of("level", "rate");

  /** Modal verbs and adverbs that hedge a claim. */
  static final Set<String> HEDGE_MODALS = Set.of("may", "might", "could", "can", "would", "should");
  static final Set<String> HEDGE_ADVERBS = Set.of(
      "possibly", "perhaps", "likely", "probably", "potentially", "reportedly", "allegedly", "apparently",
      "presumably", "plausibly", "maybe", "conceivably", "arguably");

  /** Verbs that report or guess rather than state: "researchers suggest that X causes Y". */
  static final Set<String> HEDGE_FRAMES = Set.of(
      "suggest", "believe", "think", "hypothesize", "hypothesise", "speculate", "claim", "appear", "seem",
      "argue", "propose", "suspect", "assume", "fear", "wonder", "ask", "question", "doubt", "predict", "expect");

  static final Set<String> NEGATIONS = Set.of("not", "never", "n't", "no", "neither", "nor", "without");

  /** Words that make a clause a question of whether, or leave it open: "it is unclear whether X caused Y". */
  static final Set<String> OPEN_QUESTION = Set.of("whether", "if", "unclear", "uncertain", "unknown", "warn");

  /** Words that state an association, not a cause: "X is associated with Y". */
  static final Set<String> CORRELATION = Set.of(
      "associate", "association", "correlate", "correlation", "correlated", "link", "linked", "relate", "related",
      "relationship", "coincide", "co-occur", "accompany");

  /** Words that say something grows: in a signal ("raised") or an argument ("higher rents", "sales rose"). */
  static final Set<String> UP_WORDS = Set.of(
      "increase", "raise", "rise", "boost", "lift", "double", "triple", "grow", "growth", "high", "higher", "highest",
      "more", "greater", "elevate", "elevated", "surge", "spike", "jump", "soar", "accelerate", "expand",
      "expansion", "worsen", "intensify", "amplify", "spur", "fuel", "promote", "enhance", "stimulate", "gain",
      "climb", "escalate", "inflate", "strengthen", "improve", "improvement", "upsurge");

  /** Words that say something shrinks: "reduced", "lower rents", "sales fell", "a shortage of". */
  static final Set<String> DOWN_WORDS = Set.of(
      "reduce", "reduction", "lower", "low", "lowest", "decrease", "decline", "drop", "fall", "fell", "cut", "curb",
      "less", "fewer", "shrink", "halve", "slow", "weaken", "suppress", "inhibit", "prevent", "lessen", "ease",
      "alleviate", "relieve", "deplete", "erode", "depress", "loss", "lose", "lack", "shortage", "scarcity",
      "collapse", "slump", "plunge", "dwindle", "diminish", "contraction", "deteriorate", "deterioration", "limit",
      "restrict", "block", "close", "closure", "damage", "destroy", "kill", "harm", "hurt");

  /** Pronouns that point back to the previous sentence: "This weakened demand". */
  static final Set<String> ANAPHORS = Set.of("this", "that", "it", "these", "those");

  private CueLexicon() {}
}
