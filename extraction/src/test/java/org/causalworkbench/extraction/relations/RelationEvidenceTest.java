package org.causalworkbench.extraction.relations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Polarity;
import org.causalworkbench.core.model.Qualifier;
import org.causalworkbench.core.model.Relation;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.extraction.annotate.CoreNlpAnnotator;
import org.causalworkbench.extraction.variables.VariableNormaliser;
import org.causalworkbench.inference.cue.Claims;
import org.causalworkbench.inference.cue.CueExtractor;
import org.causalworkbench.inference.cue.CueJudge;
import org.causalworkbench.inference.judge.RelationVerifier;
import org.causalworkbench.inference.judge.UnitRelations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * From an extractor's relations to evidence, on text CoreNLP annotated as the job does: how a
 * relation is stated (hedged, negated, an association; its polarity), the variables it names, and
 * what a two-sentence unit may contribute. Sentences are written for the test.
 */
class RelationEvidenceTest {

  private static CoreNlpAnnotator annotator;
  private final RelationEvidence evidence = new RelationEvidence(new VariableNormaliser());

  @BeforeAll
  static void load() {
    annotator = new CoreNlpAnnotator(CoreNlpAnnotator.PARSING, 120);
  }

  private static List<Sentence> sentences(String text) {
    return annotator.annotate(new Document(ContentIds.documentId(text), "test", "", text, Map.of()));
  }

  private static Unit unit(String text) {
    return Unit.of(ContentIds.documentId(text), sentences(text));
  }

  private static Span at(Unit unit, String words) {
    int i = unit.text().indexOf(words);
    return new Span(i, i + words.length(), words);
  }

  /** A relation read as every extractor reads one: qualifiers and polarity from the unit's words. */
  private static Relation relation(Unit unit, String cause, String effect, String signal) {
    return Claims.relation(unit, at(unit, cause), at(unit, effect), signal == null ? null : at(unit, signal), 0.9,
        "tagger", "t1", "test");
  }

  private List<Verdict> verdicts(Unit unit, Relation... relations) {
    return evidence.verdicts(UnitRelations.of(unit, List.of(relations)), "tagger", "t1").verdicts();
  }

  @Test
  void aPlainRelationBecomesCausalEvidenceBetweenNamedVariables() {
    Unit unit = unit("The clinic closures reduced routine immunization for two years.");
    Verdict v = verdicts(unit, relation(unit, "The clinic closures", "routine immunization", "reduced")).get(0);
    assertEquals(CausalLabel.CAUSE_TO_EFFECT, v.label());
    assertEquals("clinic closure", v.causeVariable());
    assertEquals("routine immunization", v.effectVariable());
    assertEquals(0.9, v.probability(), 1e-9);
    assertEquals("reduced", v.signal().text());
    assertEquals(Polarity.DECREASES, v.polarity());
    assertEquals(unit.sentences().get(0).begin() + unit.text().indexOf("routine"), v.effect().begin(),
        "spans in document offsets");
  }

  @Test
  void hedgedNegatedCorrelationalAndQuestionedStatementsMakeNoEdge() {
    Unit hedged = unit("Some economists argue the levy could increase candy consumption.");
    Verdict h = verdicts(hedged, relation(hedged, "the levy", "candy consumption", "increase")).get(0);
    assertTrue(h.qualifiers().contains(Qualifier.HEDGED));
    assertEquals(0.9 * CueJudge.HEDGE_FACTOR, h.probability(), 1e-9);

    Unit negated = unit("The vaccination programme did not reduce hospital visits.");
    Verdict n = verdicts(negated, relation(negated, "The vaccination programme", "hospital visits", "reduce")).get(0);
    assertEquals(CausalLabel.NONE, n.label(), "evidence against");
    assertTrue(n.qualifiers().contains(Qualifier.NEGATED));

    Unit association = unit("Student debt is associated with delayed home ownership.");
    Verdict a = verdicts(association, relation(association, "Student debt", "delayed home ownership", null)).get(0);
    assertEquals(CausalLabel.NONE, a.label());
    assertTrue(a.qualifiers().contains(Qualifier.CORRELATIONAL));

    Unit question = unit("Does overtime pay reduce staff turnover?");
    Verdict q = verdicts(question, relation(question, "overtime pay", "staff turnover", "reduce")).get(0);
    assertTrue(q.qualifiers().contains(Qualifier.HEDGED));
  }

  @Test
  void aNegationInsideTheCauseIsPartOfTheCause() {
    Unit unit = unit("The strike resumed because their demands were not met.");
    Verdict v = verdicts(unit, relation(unit, "their demands were not met", "The strike resumed", "because")).get(0);
    assertEquals(CausalLabel.CAUSE_TO_EFFECT, v.label());
    assertEquals("demand not met", v.causeVariable());
  }

  @Test
  void aTwoSentenceUnitContributesOnlyRelationsAcrossItsBoundary() {
    Unit unit = unit("A power cut hit two districts. As a result, ambulance calls nearly doubled.");
    assertEquals(2, unit.sentences().size());
    RelationEvidence.Result result = evidence.verdicts(UnitRelations.of(unit, List.of(
        relation(unit, "A power cut", "ambulance calls", "As a result"),
        relation(unit, "A power cut", "two districts", "hit"))), "tagger", "t1");
    assertEquals(1, result.verdicts().size());
    assertEquals(1, result.inOneSentence());
    assertEquals(List.of(0, 1), result.verdicts().get(0).sentences());
    assertEquals("ambulance call", result.verdicts().get(0).effectVariable());
  }

  @Test
  void aRelationWhoseArgumentNamesNoVariableMakesNoEvidence() {
    Unit unit = unit("This effect raised the risk.");
    RelationEvidence.Result result = evidence.verdicts(UnitRelations.of(unit,
        List.of(relation(unit, "This effect", "the risk", "raised"))), "tagger", "t1");
    assertTrue(result.verdicts().isEmpty());
    assertEquals(1, result.unnamed());
  }

  @Test
  void aUnitWithoutAnswerIsOneUnknownVerdictWithTheReason() {
    Unit unit = unit("Heavy frost killed the early blossom.");
    UnitRelations failed = new UnitRelations(unit, List.of(), "timeout", "no reply", Verdict.Usage.NONE, 1);
    List<Verdict> out = evidence.verdicts(failed, "llm", "m/extract-1").verdicts();
    assertEquals(1, out.size());
    assertEquals(CausalLabel.UNKNOWN, out.get(0).label());
    assertEquals("timeout", out.get(0).failure());
    assertEquals(evidence.verdicts(failed, "llm", "m/extract-1").verdicts().get(0).evidenceId(), out.get(0).evidenceId(),
        "a replay writes the same evidence");
  }

  @Test
  void aPairJudgeAskedToVerifyKeepsOnlyTheRelationsItConfirms() {
    Unit unit = unit("The clinic closures reduced routine immunization for two years.");
    Relation right = relation(unit, "The clinic closures", "routine immunization", "reduced");
    Relation reversed = relation(unit, "routine immunization", "The clinic closures", "reduced");
    try (RelationVerifier verifier = new RelationVerifier(new CueJudge())) {
      List<Relation> kept = verifier.verify(unit, List.of(right, reversed));
      assertEquals(1, kept.size());
      assertEquals("The clinic closures", kept.get(0).cause().text());
      assertTrue(kept.get(0).explanation().contains("verified by the cue judge"), kept.get(0).explanation());
    }
  }

  @Test
  void theCueExtractorsSignalIsItsCueWordNotTheVerbTheRuleHangsOn() {
    Unit unit = unit("Sales fell because demand weakened.");
    Relation r = new CueExtractor().extract(unit).relations().get(0);
    assertEquals("because", r.signal().text());
    assertTrue(r.polarity() != Polarity.DECREASES, "less demand, fewer sales: not the other way");
  }

  @Test
  void theCueExtractorReadsRuleLinksAsSpansWithTheirCue() {
    Unit unit = unit("Lower fuel prices boosted airline profits in the first quarter.");
    List<Relation> relations = new CueExtractor().extract(unit).relations();
    assertEquals(1, relations.size());
    Relation r = relations.get(0);
    assertEquals("Lower fuel prices", r.cause().text());
    assertEquals("airline profits", r.effect().text());
    assertEquals("boosted", r.signal().text());
    assertEquals(Polarity.DECREASES, r.polarity(), "lower prices, more profit");
    Verdict v = verdicts(unit, r).get(0);
    assertEquals("fuel price", v.causeVariable());
    assertEquals("airline profit", v.effectVariable());
    assertNull(v.failure());
    assertEquals(Set.of(), v.qualifiers());
  }
}
