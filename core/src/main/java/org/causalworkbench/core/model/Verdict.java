package org.causalworkbench.core.model;

import java.util.List;
import java.util.Set;

/**
 * A judge's decision on one candidate pair, with its evidence. Travels on the {@code verdicts}
 * topic and becomes an evidence row of the graph.
 *
 * @param evidenceId content-derived: document, the pair's spans and judge version (see {@link
 *     org.causalworkbench.core.id.ContentIds#evidenceId}), so replays never duplicate evidence
 * @param label direction relative to the pair; {@link #cause()} and {@link #effect()} are already
 *     resolved to it (for {@code none} they are the pair's first and second mention)
 * @param probability the judge's probability that the causal claim in {@code label}'s direction is
 *     stated; for {@code none}, the probability that a causal claim is stated anyway
 * @param explanation why the judge decided so: the cue and rule, or the model's reasoning
 * @param failure why no answer could be read ({@code truncated}, {@code timeout}, ...), with label
 *     {@code unknown}; null when the judge answered
 * @param usage what the verdict cost: tokens in and out, latency; {@link Usage#NONE} for rule judges
 * @param signal the words that signal the relation, when an extractor found them; else null
 * @param polarity which way the cause moves the effect, when the text says
 * @param runId the job run that produced it (see the store's runs); null until the job stamps it
 */
public record Verdict(
    String evidenceId,
    String pairId,
    String documentId,
    String unitId,
    List<Integer> sentences,
    CausalLabel label,
    double probability,
    String judgeId,
    String judgeVersion,
    Span cause,
    Span effect,
    String causeVariable,
    String effectVariable,
    String explanation,
    Set<Qualifier> qualifiers,
    String failure,
    Usage usage,
    Span signal,
    Polarity polarity,
    String runId) {

  /** What one verdict cost the judge. */
  public record Usage(int tokensIn, int tokensOut, long latencyMillis) {
    public static final Usage NONE = new Usage(0, 0, 0);
  }

  public Verdict {
    sentences = List.copyOf(sentences);
    qualifiers = Set.copyOf(qualifiers);
    usage = usage == null ? Usage.NONE : usage;
    polarity = polarity == null ? Polarity.UNKNOWN : polarity;
  }

  /** A verdict not yet stamped with its run: what judges and extractors produce. */
  public Verdict(String evidenceId, String pairId, String documentId, String unitId, List<Integer> sentences,
      CausalLabel label, double probability, String judgeId, String judgeVersion, Span cause, Span effect,
      String causeVariable, String effectVariable, String explanation, Set<Qualifier> qualifiers, String failure,
      Usage usage, Span signal, Polarity polarity) {
    this(evidenceId, pairId, documentId, unitId, sentences, label, probability, judgeId, judgeVersion, cause, effect,
        causeVariable, effectVariable, explanation, qualifiers, failure, usage, signal, polarity, null);
  }

  /** This verdict, produced by job run {@code run}. The evidence id stays: a replay is the same evidence. */
  public Verdict withRun(String run) {
    return new Verdict(evidenceId, pairId, documentId, unitId, sentences, label, probability, judgeId, judgeVersion,
        cause, effect, causeVariable, effectVariable, explanation, qualifiers, failure, usage, signal, polarity, run);
  }

  /** A pair judge's verdict: no signal span, polarity unknown. */
  public Verdict(String evidenceId, String pairId, String documentId, String unitId, List<Integer> sentences,
      CausalLabel label, double probability, String judgeId, String judgeVersion, Span cause, Span effect,
      String causeVariable, String effectVariable, String explanation, Set<Qualifier> qualifiers, String failure,
      Usage usage) {
    this(evidenceId, pairId, documentId, unitId, sentences, label, probability, judgeId, judgeVersion, cause, effect,
        causeVariable, effectVariable, explanation, qualifiers, failure, usage, null, Polarity.UNKNOWN);
  }

  /** An answered verdict of a judge that costs nothing to call (rules). */
  public Verdict(String evidenceId, String pairId, String documentId, String unitId, List<Integer> sentences,
      CausalLabel label, double probability, String judgeId, String judgeVersion, Span cause, Span effect,
      String causeVariable, String effectVariable, String explanation, Set<Qualifier> qualifiers) {
    this(evidenceId, pairId, documentId, unitId, sentences, label, probability, judgeId, judgeVersion, cause, effect,
        causeVariable, effectVariable, explanation, qualifiers, null, Usage.NONE, null, Polarity.UNKNOWN);
  }

  public boolean crossSentence() {
    return sentences.size() > 1;
  }

  /**
   * The unordered pair of variable names. The graph sink gives each pair's verdicts to one writer,
   * so both directions of an edge are scored in one place.
   */
  public String variablePair() {
    return causeVariable.compareTo(effectVariable) <= 0 ? causeVariable + "\u0000" + effectVariable
        : effectVariable + "\u0000" + causeVariable;
  }
}
