package org.causalworkbench.extraction.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.extraction.candidates.UnitBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What keeps annotation from holding the stream: a sentence past the token limit is left out
 * before the tagger and parser see it (its neighbours go on, and are not made adjacent), and a
 * document past its time budget stops with a clear error.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AnnotationLimitsTest {

  static CoreNlpAnnotator annotator;

  @BeforeAll
  static void open() {
    annotator = new CoreNlpAnnotator(CoreNlpAnnotator.PARSING, 120);
  }

  private static Document document(String text) {
    return new Document(ContentIds.documentId(text), "test", "", text, Map.of());
  }

  @Test
  void aSentencePastTheLimitIsLeftOutAndItsNeighboursAreNotJoined() {
    String endless = "the wind moved over the grass and the river ran on ".repeat(40).strip();
    Document d = document("Heavy rain flooded the road. " + endless + ". The bridge was closed because of the flood.");
    SentenceAnnotator.Annotated a = annotator.annotate(d, Long.MAX_VALUE);
    assertEquals(List.of(0, 2), a.sentences().stream().map(Sentence::index).toList());
    assertEquals(1, a.skipped().size());
    SentenceAnnotator.Skipped s = a.skipped().get(0);
    assertEquals(1, s.index());
    assertTrue(s.tokens() > 120, "tokens " + s.tokens());
    assertTrue(d.text().substring(s.begin(), s.end()).startsWith("the wind moved"));
    // The sentences kept are parsed as before.
    assertFalse(a.sentences().get(1).dependencies().isEmpty());
    assertEquals("NN", a.sentences().get(1).tokens().get(1).pos());

    List<Unit> units = new UnitBuilder().units(d.id(), a.sentences());
    assertEquals(2, units.size(), "two one-sentence units; sentences 0 and 2 are not adjacent");
  }

  @Test
  void nestedBracketsAndAPunctuationFreeMegabyteAreLeftOutQuickly() {
    String brackets = "(".repeat(5000) + "flood" + ")".repeat(5000);
    SentenceAnnotator.Annotated a = annotator.annotate(document("Rain fell. " + brackets + " Rivers rose."),
        Long.MAX_VALUE);
    assertTrue(a.skipped().size() >= 1, a.skipped().toString());
    assertTrue(a.sentences().stream().anyMatch(s -> s.text().equals("Rain fell.")));

    String megabyte = "river stone market wind harvest light people road water city ".repeat(16_000);
    SentenceAnnotator.Annotated m = annotator.annotate(document(megabyte), Long.MAX_VALUE);
    assertEquals(List.of(), m.sentences());
    assertEquals(1, m.skipped().size());
  }

  @Test
  void aDocumentPastItsBudgetStopsWithAnErrorThatSaysWhatToRaise() {
    Document d = document("Drought cut the harvest. Prices rose as a result. Farmers sold their cattle.");
    SentenceAnnotator.AnnotationBudgetExceeded e = assertThrows(SentenceAnnotator.AnnotationBudgetExceeded.class,
        () -> annotator.annotate(d, 0));
    assertTrue(e.getMessage().contains("extraction.annotation-budget-ms"), e.getMessage());
    assertEquals(3, annotator.annotate(d, TimeUnit.SECONDS.toNanos(60)).sentences().size());
  }
}
