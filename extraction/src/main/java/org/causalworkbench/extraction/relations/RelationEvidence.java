package org.causalworkbench.extraction.relations;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Qualifier;
import org.causalworkbench.core.model.Relation;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Token;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.extraction.variables.VariableNormaliser;
import org.causalworkbench.inference.cue.CueJudge;
import org.causalworkbench.inference.judge.UnitRelations;

/**
 * Where an extracted relation becomes evidence: a verdict with the cause and effect named as
 * variables ({@link VariableNormaliser}), its spans in document offsets, and an id from the
 * document, the spans and the extractor's version (so a replay writes the same evidence). A hedged
 * relation counts at {@value CueJudge#HEDGE_FACTOR} of its probability; a negated one is evidence
 * against (label {@code none}, qualifier {@code negated}); an association is kept as {@code none}.
 * A two-sentence unit contributes only relations that cross its sentence boundary (the others are
 * its sentences' own). A relation whose cause or effect names no variable (a generic head alone,
 * a pronoun) makes no evidence. A unit without an answer becomes one {@code unknown} verdict with
 * the reason, so failures are counted, never dropped.
 */
public final class RelationEvidence {

  /**
   * What a unit's relations gave.
   *
   * @param inOneSentence relations of a two-sentence unit that did not cross its boundary, dropped
   * @param unnamed relations dropped because an argument named no variable
   */
  public record Result(List<Verdict> verdicts, int inOneSentence, int unnamed) {}

  private final VariableNormaliser names;

  public RelationEvidence(VariableNormaliser names) {
    this.names = names;
  }

  /** @param extractorId and {@code version} name the extractor in a failed unit's verdict */
  public Result verdicts(UnitRelations found, String extractorId, String version) {
    Unit unit = found.unit();
    List<Verdict> out = new ArrayList<>();
    int inOneSentence = 0;
    int unnamed = 0;
    Verdict.Usage usage = found.usage();
    for (Relation r : found.relations()) {
      if (!r.located()) {
        out.add(unplaced(unit, r, usage));
        usage = Verdict.Usage.NONE;
        continue;
      }
      int causeSentence = unit.sentenceAt(r.cause().begin());
      int effectSentence = unit.sentenceAt(r.effect().begin());
      if (unit.crossSentence() && causeSentence == effectSentence) {
        inOneSentence++;
        continue;
      }
      Span cause = unit.documentSpan(r.cause().begin(), r.cause().end());
      Span effect = unit.documentSpan(r.effect().begin(), r.effect().end());
      String causeName = names.name(tokens(unit, cause), next(unit, cause));
      String effectName = names.name(tokens(unit, effect), next(unit, effect));
      if (causeName == null || effectName == null) {
        unnamed++;
        continue;
      }
      boolean against = r.negated() || r.qualifiers().contains(Qualifier.CORRELATIONAL);
      double p = CueJudge.weighed(r.probability(), r.hedged());
      Span signal = r.signal() == null ? null : unit.documentSpan(r.signal().begin(), r.signal().end());
      List<Integer> sentences = causeSentence == effectSentence ? List.of(causeSentence)
          : List.of(Math.min(causeSentence, effectSentence), Math.max(causeSentence, effectSentence));
      out.add(new Verdict(ContentIds.evidenceId(unit.documentId(), cause, effect, r.extractorId(), r.extractorVersion()),
          pairId(unit, cause, effect), unit.documentId(), unit.id(), sentences,
          against ? CausalLabel.NONE : CausalLabel.CAUSE_TO_EFFECT, p, r.extractorId(), r.extractorVersion(), cause,
          effect, causeName, effectName, r.explanation(), r.qualifiers(), null, usage, signal, r.polarity()));
      usage = Verdict.Usage.NONE; // the unit's cost is counted once
    }
    if (found.failure() != null && found.relations().isEmpty()) {
      out.add(failed(found, extractorId, version));
    }
    return new Result(out, inOneSentence, unnamed);
  }

  /** A relation whose words the extractor gave but the text does not hold: kept, labelled unknown. */
  private static Verdict unplaced(Unit unit, Relation r, Verdict.Usage usage) {
    Span cause = new Span(-1, -1, r.cause().text());
    Span effect = new Span(-1, -1, r.effect().text());
    String key = unit.id() + "#?" + r.cause().text() + ">" + r.effect().text();
    return new Verdict(ContentIds.evidenceId(unit.documentId(), key, r.extractorId(), r.extractorVersion()), key, unit.documentId(), unit.id(), unit.sentenceIndexes(),
        CausalLabel.UNKNOWN, 0, r.extractorId(), r.extractorVersion(), cause, effect, "", "", r.explanation(),
        r.qualifiers(), r.failure(), usage, null, r.polarity());
  }

  /** The verdict of a unit that got no answer: the whole unit, labelled unknown, with the reason. */
  private static Verdict failed(UnitRelations found, String extractorId, String version) {
    Unit unit = found.unit();
    Span whole = unit.documentSpan(0, unit.text().length());
    String why = found.failure() + (found.detail() == null || found.detail().isBlank() ? "" : ": " + found.detail());
    return new Verdict(ContentIds.evidenceId(unit.documentId(), unit.id() + "#unit", extractorId, version),
        unit.id() + "#unit",
        unit.documentId(), unit.id(), unit.sentenceIndexes(), CausalLabel.UNKNOWN, 0, extractorId, version, whole, whole,
        "", "", why, Set.of(), found.failure(), found.usage(), null, null);
  }

  private static String pairId(Unit unit, Span cause, Span effect) {
    return unit.id() + "#" + cause.begin() + ">" + effect.begin();
  }

  /** The unit's token right after a document span, or null at the end of its sentence. */
  static Token next(Unit unit, Span span) {
    for (Sentence s : unit.sentences()) {
      if (span.end() < s.begin() || span.end() > s.end()) {
        continue;
      }
      for (Token t : s.tokens()) {
        if (t.begin() >= span.end()) {
          return t;
        }
      }
      return null;
    }
    return null;
  }

  /** The unit's tokens inside a document span. */
  static List<Token> tokens(Unit unit, Span span) {
    List<Token> out = new ArrayList<>();
    for (Sentence s : unit.sentences()) {
      for (Token t : s.tokens()) {
        if (t.begin() >= span.begin() && t.end() <= span.end()) {
          out.add(t);
        }
      }
    }
    return out;
  }
}
