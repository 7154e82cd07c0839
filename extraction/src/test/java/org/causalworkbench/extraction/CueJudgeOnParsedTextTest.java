package org.causalworkbench.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Qualifier;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.extraction.annotate.CoreNlpAnnotator;
import org.causalworkbench.extraction.candidates.CandidatePairGenerator;
import org.causalworkbench.extraction.candidates.MentionExtractor;
import org.causalworkbench.extraction.candidates.UnitBuilder;
import org.causalworkbench.inference.cue.CueJudge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cue judge on real CoreNLP parses: text is annotated, split into units, paired and judged,
 * exactly as the extraction job does it. Sentences are invented for the tests.
 */
class CueJudgeOnParsedTextTest {

  private static CoreNlpAnnotator annotator;

  @BeforeAll
  static void loadAnnotator() {
    annotator = new CoreNlpAnnotator("tokenize,ssplit,pos,lemma,depparse", 120);
  }

  /** What one text gave: its pairs and the judge's verdicts on them. */
  record Judged(String documentId, List<Sentence> sentences, List<CandidatePair> pairs, List<Verdict> verdicts) {

    /** "cause -> effect" for every causal verdict with probability at least 0.5. */
    Set<String> edges() {
      return verdicts.stream()
          .filter(v -> v.label().causal() && v.probability() >= 0.5)
          .map(v -> v.causeVariable() + " -> " + v.effectVariable())
          .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The verdict whose (resolved) cause and effect variables are these, in either label. */
    Verdict verdict(String cause, String effect) {
      List<Verdict> found = verdicts.stream()
          .filter(v -> v.causeVariable().equals(cause) && v.effectVariable().equals(effect))
          .toList();
      assertEquals(1, found.size(), () -> "one verdict " + cause + " -> " + effect + " expected in " + describe());
      return found.get(0);
    }

    /** Variable names of every mention that made it into a pair. */
    Set<String> variables() {
      Set<String> out = new LinkedHashSet<>();
      for (CandidatePair p : pairs) {
        out.add(p.first().variable());
        out.add(p.second().variable());
      }
      return out;
    }

    String describe() {
      StringBuilder b = new StringBuilder();
      for (Verdict v : verdicts) {
        b.append("\n  ").append(v.unitId()).append(' ').append(v.causeVariable()).append(" -> ")
            .append(v.effectVariable()).append(' ').append(v.label()).append(' ')
            .append(String.format(java.util.Locale.ROOT, "%.3f", v.probability())).append(' ')
            .append(v.qualifiers()).append(" | ").append(v.explanation());
      }
      return b.toString();
    }
  }

  private static Judged judge(String text) {
    Document document = new Document(ContentIds.documentId(text), "test", "", text, Map.of());
    List<Sentence> sentences = annotator.annotate(document);
    List<Unit> units = new UnitBuilder().units(document.id(), sentences);
    CandidatePairGenerator generator = new CandidatePairGenerator(new MentionExtractor(), 40);
    List<CandidatePair> pairs = new ArrayList<>();
    units.forEach(u -> pairs.addAll(generator.pairs(u)));
    List<Verdict> verdicts = new CueJudge().judge(pairs);
    return new Judged(document.id(), sentences, pairs, verdicts);
  }

  private static void assertEdges(Judged judged, String... expected) {
    assertEquals(Set.of(expected), judged.edges(), judged::describe);
  }

  private static void assertHedgedBelowHalf(Verdict v, Judged judged) {
    assertTrue(v.label().causal(), judged::describe);
    assertEquals(Set.of(Qualifier.HEDGED), v.qualifiers(), judged::describe);
    assertTrue(v.probability() < 0.5, judged::describe);
    assertTrue(v.probability() > 0.0, judged::describe);
  }

  private static void assertNegated(Verdict v, Judged judged) {
    assertEquals(CausalLabel.NONE, v.label(), judged::describe);
    assertEquals(Set.of(Qualifier.NEGATED), v.qualifiers(), judged::describe);
    assertTrue(v.probability() < 0.5, judged::describe);
  }

  // ------------------------------------------------------------------ causing verbs

  @Test
  void activeCausingVerbPointsFromSubjectToObject() {
    Judged j = judge("The drought caused widespread crop failure.");
    assertEdges(j, "drought -> crop failure");
    Verdict v = j.verdict("drought", "crop failure");
    assertEquals(CausalLabel.CAUSE_TO_EFFECT, v.label(), "the cause comes first in the text");
    assertEquals("drought", v.cause().text());
    assertEquals("widespread crop failure", v.effect().text());
    assertTrue(v.cause().begin() < v.effect().begin());
    assertTrue(v.probability() >= 0.8, j::describe);
    assertTrue(v.qualifiers().isEmpty());
    assertEquals(List.of(0), v.sentences());
    assertFalse(j.edges().contains("crop failure -> drought"), "never the reverse direction");
  }

  @Test
  void passiveCausingVerbReversesWordOrder() {
    Judged j = judge("Crop failure was triggered by the drought.");
    assertEdges(j, "drought -> crop failure");
    Verdict v = j.verdict("drought", "crop failure");
    assertEquals(CausalLabel.EFFECT_TO_CAUSE, v.label(), "the effect comes first in the text");
    assertEquals("drought", v.cause().text());
    assertEquals("Crop failure", v.effect().text());
    assertTrue(v.effect().begin() < v.cause().begin());
    assertTrue(v.explanation().contains("triggered by"), v.explanation());
  }

  // ------------------------------------------------------------------ prepositions, clauses, nouns

  @Test
  void dueToNamesTheCause() {
    Judged j = judge("Wheat prices fell due to the bumper harvest.");
    assertEdges(j, "bumper harvest -> wheat price");
    assertEquals(CausalLabel.EFFECT_TO_CAUSE, j.verdict("bumper harvest", "wheat price").label());
  }

  @Test
  void becauseOfAtTheStartNamesTheCause() {
    Judged j = judge("Because of the storm, ferry traffic stopped.");
    assertEdges(j, "storm -> ferry traffic");
    assertEquals(CausalLabel.CAUSE_TO_EFFECT, j.verdict("storm", "ferry traffic").label());
  }

  @Test
  void resultsFromPointsFromTheFromPhrase() {
    Judged j = judge("Soil erosion results from deforestation.");
    assertEdges(j, "deforestation -> soil erosion");
    Verdict v = j.verdict("deforestation", "soil erosion");
    assertEquals(CausalLabel.EFFECT_TO_CAUSE, v.label());
    assertTrue(v.explanation().contains("resulting verb"), v.explanation());
  }

  @Test
  void causeNounMakesTheSubjectTheCause() {
    Judged j = judge("Smoking is a major cause of lung cancer.");
    assertEdges(j, "smoking -> lung cancer");
    assertEquals(CausalLabel.CAUSE_TO_EFFECT, j.verdict("smoking", "lung cancer").label());
  }

  @Test
  void consequenceNounMakesTheSubjectTheEffect() {
    Judged j = judge("Unemployment is a consequence of automation.");
    assertEdges(j, "automation -> unemployment");
    assertEquals(CausalLabel.EFFECT_TO_CAUSE, j.verdict("automation", "unemployment").label());
  }

  @Test
  void becauseClauseGivesTheCause() {
    Judged j = judge("Because fuel prices rose, consumer demand weakened.");
    assertEdges(j, "fuel price -> consumer demand");
    Verdict v = j.verdict("fuel price", "consumer demand");
    assertEquals(CausalLabel.CAUSE_TO_EFFECT, v.label());
    assertTrue(v.explanation().contains("causal clause"), v.explanation());
  }

  @Test
  void ledToPointsToTheToPhrase() {
    Judged j = judge("Overfishing led to the collapse of cod stocks.");
    // "the collapse of X" is taken to X, the thing that changed.
    assertEdges(j, "overfishing -> cod stock");
    assertEquals(CausalLabel.NONE, j.verdict("overfishing", "collapse").label());
  }

  @Test
  void ledToWithConjunctionGivesBothEffects() {
    Judged j = judge("Overfishing led to coastal poverty and unemployment.");
    assertEdges(j, "overfishing -> coastal poverty", "overfishing -> unemployment");
    assertEquals(CausalLabel.NONE, j.verdict("coastal poverty", "unemployment").label(),
        "the two conjuncts are not causally linked to each other");
  }

  @Test
  void hyphenatedCauseIsSplitFromItsParticiple() {
    Judged j = judge("Drought-induced wildfires destroyed the valley.");
    assertTrue(j.variables().contains("drought"), () -> "variables " + j.variables());
    assertTrue(j.variables().contains("wildfire"), () -> "variables " + j.variables());
    assertTrue(j.edges().contains("drought -> wildfire"), j::describe);
    Verdict v = j.verdict("drought", "wildfire");
    assertEquals(CausalLabel.CAUSE_TO_EFFECT, v.label());
    assertTrue(v.explanation().contains("hyphenated cause"), v.explanation());
    // the hyphen links the drought to the wildfires only, not to what the wildfires did
    assertEquals(CausalLabel.NONE, j.verdict("drought", "valley").label());
  }

  // ------------------------------------------------------------------ across sentences

  @Test
  void asAResultLinksTheTwoSentences() {
    Judged j = judge("Fuel prices rose sharply. As a result, airline profits declined.");
    assertEdges(j, "fuel price -> airline profit");
    Verdict v = j.verdict("fuel price", "airline profit");
    assertEquals(CausalLabel.CAUSE_TO_EFFECT, v.label());
    assertEquals(List.of(0, 1), v.sentences());
    assertTrue(v.crossSentence());
    assertTrue(v.unitId().endsWith("/s0-1"), v.unitId());
  }

  @Test
  void pronounSubjectTakesThePreviousSentenceAsCause() {
    Judged j = judge("Fuel prices rose. This weakened consumer demand.");
    assertEdges(j, "fuel price -> consumer demand");
    Verdict v = j.verdict("fuel price", "consumer demand");
    assertEquals(2, v.sentences().size());
    assertEquals(List.of(0, 1), v.sentences());
    assertTrue(v.explanation().contains("pronoun subject across sentences"), v.explanation());
  }

  // ------------------------------------------------------------------ hedges

  @Test
  void modalHedgesTheClaim() {
    Judged j = judge("Sugar consumption may cause tooth decay.");
    assertEdges(j);
    Verdict v = j.verdict("sugar consumption", "tooth decay");
    assertEquals(CausalLabel.CAUSE_TO_EFFECT, v.label(), "a hedge keeps the direction");
    assertHedgedBelowHalf(v, j);
  }

  @Test
  void reportingFrameAndModalHedgeTheClaim() {
    Judged j = judge("Researchers suggest that air pollution might raise asthma rates.");
    assertEdges(j);
    Verdict v = j.verdict("air pollution", "asthma rate");
    assertEquals(CausalLabel.CAUSE_TO_EFFECT, v.label());
    assertHedgedBelowHalf(v, j);
    assertEquals(CausalLabel.NONE, j.verdict("researcher", "air pollution").label());
  }

  // ------------------------------------------------------------------ negation

  @Test
  void didNotCauseIsNegated() {
    Judged j = judge("The vaccine did not cause autism.");
    assertEdges(j);
    assertNegated(j.verdict("vaccine", "autism"), j);
  }

  @Test
  void noEvidenceThatIsNegated() {
    Judged j = judge("There is no evidence that caffeine causes insomnia.");
    assertEdges(j);
    assertNegated(j.verdict("caffeine", "insomnia"), j);
    for (Verdict v : j.verdicts()) {
      assertFalse(v.label().causal(), j::describe);
    }
  }

  // ------------------------------------------------------------------ not causal

  @Test
  void associationIsNotCausation() {
    Judged j = judge("Coffee intake is associated with longevity.");
    assertEdges(j);
    Verdict v = j.verdict("coffee intake", "longevity");
    assertEquals(CausalLabel.NONE, v.label());
    assertTrue(v.qualifiers().isEmpty());
    assertTrue(v.probability() < 0.5);
  }

  @Test
  void correlationIsNotCausation() {
    Judged j = judge("Lead exposure correlates with lower test scores.");
    assertEdges(j);
    assertEquals(CausalLabel.NONE, j.verdict("lead exposure", "test score").label());
  }

  @Test
  void questionIsHedged() {
    // With a determiner the tagger reads "cause" as a verb; see the report on "Does X cause Y?".
    Judged j = judge("Does the drought cause the famine?");
    assertEdges(j);
    Verdict v = j.verdict("drought", "famine");
    assertEquals(CausalLabel.CAUSE_TO_EFFECT, v.label());
    assertHedgedBelowHalf(v, j);
  }

  @Test
  void questionWithBarePluralSubjectIsHedged() {
    Judged j = judge("Do floods cause erosion?");
    assertEdges(j);
    assertHedgedBelowHalf(j.verdict("flood", "erosion"), j);
  }

  @Test
  void sentenceWithoutCueGivesOnlyNone() {
    Judged j = judge("The committee approved the budget on Tuesday.");
    assertFalse(j.pairs().isEmpty(), "the sentence has candidate pairs");
    assertEdges(j);
    for (Verdict v : j.verdicts()) {
      assertEquals(CausalLabel.NONE, v.label(), j::describe);
      assertTrue(v.qualifiers().isEmpty(), j::describe);
      assertTrue(v.probability() < 0.5, j::describe);
    }
  }

  @Test
  void everyPairGetsExactlyOneVerdictInOrder() {
    Judged j = judge("Heavy rainfall caused flooding in the valley. The committee approved the budget. "
        + "As a result, the town hired engineers.");
    assertTrue(j.pairs().size() > 3, () -> "pairs " + j.pairs().size());
    assertEquals(j.pairs().size(), j.verdicts().size());
    List<String> pairIds = j.pairs().stream().map(CandidatePair::id).toList();
    List<String> verdictPairIds = j.verdicts().stream().map(Verdict::pairId).toList();
    assertEquals(pairIds, verdictPairIds);
    for (int i = 0; i < j.pairs().size(); i++) {
      CandidatePair p = j.pairs().get(i);
      Verdict v = j.verdicts().get(i);
      assertEquals(p.unit().id(), v.unitId());
      assertEquals(j.documentId(), v.documentId());
      assertEquals(p.unit().sentenceIndexes(), v.sentences());
      assertEquals("cue", v.judgeId());
    }
  }

  @Test
  void evidenceIdsAreStableAcrossRuns() {
    String text = "Because fuel prices rose, consumer demand weakened. This hurt retail sales.";
    Judged first = judge(text);
    Judged second = judge(text);
    List<String> ids = first.verdicts().stream().map(Verdict::evidenceId).toList();
    assertFalse(ids.isEmpty());
    assertEquals(ids, second.verdicts().stream().map(Verdict::evidenceId).toList());
    assertEquals(ids.size(), new LinkedHashSet<>(ids).size(), "each pair has its own evidence id");
    for (Verdict v : first.verdicts()) {
      assertEquals(ContentIds.evidenceId(v.documentId(), v.cause(), v.effect(), "cue", v.judgeVersion()),
          v.evidenceId());
    }
  }

  // ------------------------------------------------------------------ variable names

  @Test
  void degreeAdjectiveIsDroppedFromTheVariable() {
    Judged j = judge("Heavy rainfall caused flooding.");
    assertEdges(j, "rainfall -> flooding");
    assertEquals("Heavy rainfall", j.verdict("rainfall", "flooding").cause().text(),
        "the span keeps the words the variable drops");
  }

  @Test
  void pluralNounIsLemmatisedInTheVariable() {
    Judged j = judge("The central bank raised interest rates.");
    assertTrue(j.variables().contains("interest rate"), () -> "variables " + j.variables());
    assertEdges(j, "central bank -> interest rate");
    Judged k = judge("Rising interest rates hurt home sales.");
    assertEdges(k, "interest rate -> home sale");
  }

  @Test
  void participleThatNamesAKindStaysInTheVariable() {
    Judged j = judge("Contaminated water caused cholera.");
    assertTrue(j.variables().contains("contaminated water"), () -> "variables " + j.variables());
    assertFalse(j.variables().contains("water"));
    assertEdges(j, "contaminated water -> cholera");
    assertNotNull(j.verdict("contaminated water", "cholera"));
  }
}
