package org.causalworkbench.inference.tagger;

import java.util.List;

/**
 * A labelled text for the span tagger: every relation it states (none for a text that states
 * none).
 *
 * @param signalsLabelled whether the source marks signal words; where it does not (AltLex and
 *     BECAUSE as UniCausal gives them), the tagger's signal head learns nothing from the text
 * @param source the file it came from, for reports
 */
public record SpanExample(String text, List<SpanRelation> relations, boolean signalsLabelled, String source) {

  public SpanExample {
    relations = List.copyOf(relations);
  }
}
