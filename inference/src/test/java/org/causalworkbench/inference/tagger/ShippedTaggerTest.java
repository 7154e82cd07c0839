package org.causalworkbench.inference.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The span tagger the workbench ships, on sentences written and labelled for this test (cause and
 * effect head words, chosen before the tagger saw them): it must find most of their relations, in
 * the right direction, and none in sentences that state no cause.
 */
class ShippedTaggerTest {

  @TempDir static Path dir;
  static SpanTagger tagger;

  @BeforeAll
  static void open() {
    tagger = SpanTagger.open(TaggerSettings.from(WorkbenchConfig.defaults()
        .with(WorkbenchOptions.DATA_DIR, dir.toString())), ai.djl.Device.cpu());
  }

  @AfterAll
  static void close() {
    tagger.close();
  }

  /** A sentence and the head words of its cause and effect. */
  record Labelled(String text, String cause, String effect) {}

  static final List<Labelled> CAUSAL = List.of(
      new Labelled("The storm caused widespread power cuts across the coastal towns.", "storm", "cuts"),
      new Labelled("Schools in the valley closed because of the flooding.", "flooding", "closed"),
      new Labelled("Heavy rain led to landslides in the northern hills.", "rain", "landslides"),
      new Labelled("The long drought resulted in a poor wheat harvest.", "drought", "harvest"),
      new Labelled("Protesters blocked the main highway to demand higher wages.", "demand", "blocked"),
      new Labelled("The factory shut down after the company lost its biggest contract.", "lost", "shut"),
      new Labelled("Rising rents forced many young families out of the old town.", "rents", "families"),
      new Labelled("Ticket sales collapsed due to the cancellation of the final concert.", "cancellation", "sales"),
      new Labelled("Farmers staged a sit-in outside the ministry over unpaid subsidies.", "subsidies", "sit-in"),
      new Labelled("The outbreak was triggered by contaminated well water.", "water", "outbreak"));

  static final List<String> PLAIN = List.of(
      "The museum opens at nine on weekdays.",
      "The committee met in the town hall on Tuesday.",
      "Her brother works as a nurse in the capital.");

  private static boolean covers(Span span, String text, String word) {
    int at = text.indexOf(word);
    return at >= 0 && span.begin() <= at && at + word.length() <= span.end();
  }

  @Test
  void findsMostHandLabelledRelationsInTheirDirection() {
    List<SpanTags.Decoded> decoded = tagger.tag(CAUSAL.stream().map(Labelled::text).toList());
    List<String> missed = new ArrayList<>();
    for (int i = 0; i < CAUSAL.size(); i++) {
      Labelled l = CAUSAL.get(i);
      boolean found = decoded.get(i).relations().stream()
          .anyMatch(r -> covers(r.cause(), l.text(), l.cause()) && covers(r.effect(), l.text(), l.effect()));
      if (!found) {
        missed.add(l.text() + " -> " + decoded.get(i).relations());
      }
    }
    assertTrue(missed.size() <= 3, "found " + (CAUSAL.size() - missed.size()) + " of " + CAUSAL.size() + "; missed "
        + missed);
  }

  @Test
  void findsNothingInSentencesThatStateNoCause() {
    List<SpanTags.Decoded> decoded = tagger.tag(PLAIN);
    for (int i = 0; i < PLAIN.size(); i++) {
      assertTrue(decoded.get(i).relations().isEmpty(), PLAIN.get(i) + " -> " + decoded.get(i).relations());
    }
  }

  @Test
  void answersTextsOfTheLastCallFromItsReadingAndNoOthers() {
    List<String> texts = CAUSAL.stream().map(Labelled::text).limit(4).toList();
    tagger.tag(PLAIN);
    List<SpanTags.Decoded> first = tagger.tag(texts);
    long read = tagger.textsRead();
    List<SpanTags.Decoded> again = tagger.tag(texts.subList(1, 3));
    assertEquals(read, tagger.textsRead(), "texts of the last call are not read again");
    assertSame(first.get(1), again.get(0));
    assertSame(first.get(2), again.get(1));

    tagger.tag(PLAIN);
    List<SpanTags.Decoded> later = tagger.tag(texts.subList(0, 1));
    assertEquals(read + PLAIN.size() + 1, tagger.textsRead(), "only the last call is remembered");
    assertEquals(spans(first.get(0)), spans(later.get(0)));
  }

  @Test
  void runsInInt8ByDefaultOnTheCpuAndTagsAsTheFloat32ModelDoes() {
    assertTrue(tagger.describe().contains("int8"), tagger.describe());
    List<String> texts = new ArrayList<>(CAUSAL.stream().map(Labelled::text).toList());
    texts.addAll(PLAIN);
    List<SpanTags.Decoded> int8 = tagger.tag(texts, 4);
    try (SpanTagger float32 = SpanTagger.open(TaggerSettings.from(WorkbenchConfig.defaults()
        .with(WorkbenchOptions.DATA_DIR, dir.toString()).with(WorkbenchOptions.TAGGER_RUNTIME, "pytorch")),
        ai.djl.Device.cpu())) {
      assertTrue(float32.describe().contains("float32"), float32.describe());
      assertNotEquals(float32.version(), tagger.version(), "cached relations of the two must not mix");
      List<SpanTags.Decoded> reference = float32.tag(texts, 4);
      int differ = 0;
      for (int i = 0; i < texts.size(); i++) {
        if (!spans(int8.get(i)).equals(spans(reference.get(i)))) {
          differ++;
          System.out.println("int8 and float32 differ on: " + texts.get(i) + "\n  int8    " + spans(int8.get(i))
              + "\n  float32 " + spans(reference.get(i)));
        }
        assertEquals(reference.get(i).presence(), int8.get(i).presence(), 0.1, texts.get(i));
      }
      assertTrue(differ <= 1, differ + " of " + texts.size() + " texts tagged differently");
    }
  }

  @Test
  void tagsATextAloneAsInABatchWithOthers() {
    List<String> texts = new ArrayList<>(CAUSAL.stream().map(Labelled::text).toList());
    texts.addAll(PLAIN);
    List<SpanTags.Decoded> together = tagger.tag(texts, texts.size());
    double largest = 0;
    for (int i = 0; i < texts.size(); i++) {
      SpanTags.Decoded alone = tagger.tag(List.of(texts.get(i)), 1).get(0);
      assertEquals(spans(alone), spans(together.get(i)), texts.get(i));
      largest = Math.max(largest, Math.abs(alone.presence() - together.get(i).presence()));
    }
    System.out.printf("largest presence difference alone against batched: %.2e%n", largest);
    // The activations are quantised per token: what shares a batch (and its padding) must not change a text's reading.
    assertTrue(largest < 1e-3, "presence differs by " + largest);
  }

  private static List<String> spans(SpanTags.Decoded decoded) {
    return decoded.relations().stream().map(r -> r.cause().text() + " -> " + r.effect().text()).toList();
  }
}
