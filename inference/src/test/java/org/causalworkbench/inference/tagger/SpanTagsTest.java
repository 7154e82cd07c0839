package org.causalworkbench.inference.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.causalworkbench.core.model.Span;
import org.junit.jupiter.api.Test;

/** Tags to spans and back, on word pieces laid out by hand (one piece per word unless split). */
class SpanTagsTest {

  // "Floods closed roads and cut power ." with pieces per word, "Floods" split in two.
  private static final String TEXT = "Floods closed roads and cut power .";
  private static final int[][] PIECES = {null, {0, 4}, {4, 6}, {7, 13}, {14, 19}, {20, 23}, {24, 27}, {28, 33},
      {34, 35}, null};

  private static Span span(String words) {
    int at = TEXT.indexOf(words);
    return new Span(at, at + words.length(), words);
  }

  /** Probabilities that put {@code tag} on {@code pieces} of {@code slot} at {@code p}, O elsewhere. */
  private static final class Probabilities {
    final float[][][] arguments = new float[PIECES.length][SpanTags.SLOTS][SpanTags.ARGUMENT_TAGS];
    final float[][][] signals = new float[PIECES.length][SpanTags.SLOTS][SpanTags.SIGNAL_TAGS];

    Probabilities() {
      for (int t = 0; t < PIECES.length; t++) {
        for (int s = 0; s < SpanTags.SLOTS; s++) {
          arguments[t][s][SpanTags.O] = 1;
          signals[t][s][SpanTags.O] = 1;
        }
      }
    }

    Probabilities argument(int slot, int first, int last, int begin, int inside, float p) {
      for (int t = first; t <= last; t++) {
        float[] a = arguments[t][slot];
        java.util.Arrays.fill(a, (1 - p) / (SpanTags.ARGUMENT_TAGS - 1));
        a[t == first ? begin : inside] = p;
      }
      return this;
    }

    Probabilities signal(int slot, int first, int last, float p) {
      for (int t = first; t <= last; t++) {
        float[] a = signals[t][slot];
        java.util.Arrays.fill(a, (1 - p) / 2);
        a[t == first ? SpanTags.B_SIGNAL : SpanTags.I_SIGNAL] = p;
      }
      return this;
    }

    SpanTags.Decoded decode() {
      return SpanTags.decode(TEXT, PIECES, arguments, signals, 0.5);
    }
  }

  @Test
  void twoRelationsSharingACauseComeFromTwoSlotsMostProbableFirst() {
    SpanTags.Decoded d = new Probabilities()
        .argument(0, 1, 2, SpanTags.B_CAUSE, SpanTags.I_CAUSE, 0.9f)   // Floods
        .argument(0, 4, 4, SpanTags.B_EFFECT, SpanTags.I_EFFECT, 0.8f) // roads
        .signal(0, 3, 3, 0.9f)                                          // closed
        .argument(1, 1, 2, SpanTags.B_CAUSE, SpanTags.I_CAUSE, 0.95f)  // Floods
        .argument(1, 7, 7, SpanTags.B_EFFECT, SpanTags.I_EFFECT, 0.9f) // power
        .signal(1, 6, 6, 0.9f)                                          // cut
        .decode();
    assertEquals(2, d.relations().size());
    SpanRelation first = d.relations().get(0);
    assertEquals(span("Floods"), first.cause(), "the split word comes back whole");
    assertEquals(span("power"), first.effect());
    assertEquals(List.of(span("cut")), first.signals());
    // Each effect piece: p(B-E) + p(I-E) = 0.9 + 0.1 / 4 (the rest spread evenly); the cause's is higher.
    assertEquals(0.9 + 0.1 / 4, first.probability(), 1e-6, "the lower of the two spans' means");
    assertEquals(span("roads"), d.relations().get(1).effect());
    assertEquals(span("closed"), d.relations().get(1).signal());
  }

  @Test
  void aSlotWithACauseButNoEffectGivesNothingAndDuplicatesAreKeptOnce() {
    SpanTags.Decoded d = new Probabilities()
        .argument(0, 1, 2, SpanTags.B_CAUSE, SpanTags.I_CAUSE, 0.9f)
        .argument(0, 4, 4, SpanTags.B_EFFECT, SpanTags.I_EFFECT, 0.8f)
        .argument(1, 1, 2, SpanTags.B_CAUSE, SpanTags.I_CAUSE, 0.9f)
        .argument(1, 4, 4, SpanTags.B_EFFECT, SpanTags.I_EFFECT, 0.8f)
        .argument(2, 7, 7, SpanTags.B_CAUSE, SpanTags.I_CAUSE, 0.9f)
        .decode();
    assertEquals(1, d.relations().size());
    assertTrue(d.presence() > 0.85, "slot 0's most probable argument piece");
  }

  @Test
  void oneDoubtedPieceInsideAnArgumentDoesNotSplitIt() {
    Probabilities p = new Probabilities()
        .argument(0, 5, 7, SpanTags.B_EFFECT, SpanTags.I_EFFECT, 0.9f)  // "and cut power"
        .argument(0, 1, 2, SpanTags.B_CAUSE, SpanTags.I_CAUSE, 0.9f);
    // "cut" only 0.4 likely an effect piece: the run still spans it.
    p.arguments[6][0] = new float[] {0.6f, 0, 0, 0, 0.4f};
    assertEquals(span("and cut power"), p.decode().relations().get(0).effect());
  }

  @Test
  void spansLosePunctuationAtTheirEdges() {
    assertEquals(span("power"), SpanTags.trimmed(span("power ."), TEXT));
    assertNull(SpanTags.trimmed(new Span(33, 35, " ."), TEXT));
  }

  @Test
  void labelsPutBOnTheFirstPieceAndCauseWinsOverEffect() {
    SpanRelation r = new SpanRelation(span("Floods closed"), span("closed roads"), List.of(span("and")), 1);
    int[] arguments = SpanTags.argumentLabels(PIECES, r);
    assertArrayEquals(new int[] {SpanTags.IGNORE, SpanTags.B_CAUSE, SpanTags.I_CAUSE, SpanTags.I_CAUSE,
        SpanTags.B_EFFECT, SpanTags.O, SpanTags.O, SpanTags.O, SpanTags.O, SpanTags.IGNORE}, arguments);
    int[] signals = SpanTags.signalLabels(PIECES, r);
    assertEquals(SpanTags.B_SIGNAL, signals[5]);
    assertEquals(SpanTags.O, signals[6]);
  }

  @Test
  void relationsFillSlotsInTextOrderAndExtraOnesAreDropped() {
    List<SpanRelation> relations = new ArrayList<>();
    relations.add(new SpanRelation(span("cut"), span("power"), List.of(), 1));
    relations.add(new SpanRelation(span("Floods"), span("roads"), List.of(), 1));
    relations.add(new SpanRelation(span("and"), span("power"), List.of(), 1));
    relations.add(new SpanRelation(span("closed"), span("power"), List.of(), 1));
    List<SpanRelation> ordered = SpanTags.slotOrder(relations);
    assertEquals(SpanTags.SLOTS, ordered.size());
    assertEquals(span("Floods"), ordered.get(0).cause());
    assertEquals(span("closed"), ordered.get(1).cause());
    assertNotNull(ordered.get(2));
  }
}
