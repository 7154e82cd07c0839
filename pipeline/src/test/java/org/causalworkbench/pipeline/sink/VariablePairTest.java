package org.causalworkbench.pipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Set;
import org.causalworkbench.core.model.CausalLabel;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Verdict;
import org.junit.jupiter.api.Test;

/** The evidence sink's routing key: both directions of an edge go to one writer, other pairs need not. */
class VariablePairTest {

  private static Verdict verdict(String cause, String effect) {
    return new Verdict("e", "p", "d", "u", List.of(0), CausalLabel.CAUSE_TO_EFFECT, 0.9, "cue", "1",
        new Span(0, 1, "a"), new Span(2, 3, "b"), cause, effect, "", Set.of());
  }

  @Test
  void bothDirectionsShareAKeyAndOtherPairsDoNot() {
    assertEquals(verdict("drought", "crop failure").variablePair(), verdict("crop failure", "drought").variablePair());
    assertNotEquals(verdict("drought", "crop failure").variablePair(), verdict("drought", "crop yield").variablePair());
    // A separator that cannot occur in names: "a b" + "c" is not "a" + "b c".
    assertNotEquals(verdict("a b", "c").variablePair(), verdict("a", "b c").variablePair());
  }
}
