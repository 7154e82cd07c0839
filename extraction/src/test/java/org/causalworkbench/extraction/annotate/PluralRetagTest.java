package org.causalworkbench.extraction.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Token;
import org.junit.jupiter.api.Test;

/** Plural nouns CoreNLP's tagger takes for verbs, set right; real verbs left alone. */
class PluralRetagTest {

  private static String tagOf(String text, String word) {
    CoreNlpAnnotator annotator = new CoreNlpAnnotator(CoreNlpAnnotator.TAGGING, 120);
    for (Token t : annotator.annotate(new Document(ContentIds.documentId(text), "t", "", text, Map.of())).get(0)
        .tokens()) {
      if (t.word().equals(word)) {
        return t.pos();
      }
    }
    throw new AssertionError(word + " not in " + text);
  }

  @Test
  void aSVerbBetweenANounAndTheClausesVerbIsAPluralNoun() {
    assertEquals("NNS", tagOf("As a result, ambulance calls in those districts nearly doubled.", "calls"));
    assertEquals("NNS", tagOf("After the spill, fish kills were reported along the coast.", "kills"));
  }

  @Test
  void aVerbWithItsOwnObjectOrComplementStaysAVerb() {
    assertEquals("VBZ", tagOf("The report calls for reform.", "calls"));
    assertEquals("VBZ", tagOf("Smoking causes cancer in many patients.", "causes"));
    assertEquals("VBZ", tagOf("Coffee intake is associated with longevity.", "is"));
    assertEquals("VBZ", tagOf("The report says that prices rose.", "says"));
    assertEquals("VBZ", tagOf("Decomposition of dead algae depletes dissolved oxygen.", "depletes"));
  }
}
