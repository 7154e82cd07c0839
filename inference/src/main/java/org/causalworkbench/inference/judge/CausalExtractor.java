package org.causalworkbench.inference.judge;

import java.util.List;
import org.causalworkbench.core.model.Unit;

/**
 * Finds the causal relations each unit of a batch states: cause, effect and signal spans in the
 * unit's text, with a probability. One result per unit, in the batch's order, relations or none;
 * an extractor never drops a unit. Where a {@link CausalJudge} decides one candidate pair at a time,
 * an extractor reads the unit once.
 */
public interface CausalExtractor extends AutoCloseable {

  /** Short id recorded with every relation ({@code tagger}, {@code llm}, {@code cue}). */
  String id();

  /** Version of the extractor's model, prompt or rules; part of evidence ids. */
  String version();

  List<UnitRelations> extract(List<Unit> batch);

  @Override
  default void close() {}

  /** Extracts from one unit; for tests and tools. */
  default UnitRelations extract(Unit unit) {
    return extract(List.of(unit)).get(0);
  }
}
