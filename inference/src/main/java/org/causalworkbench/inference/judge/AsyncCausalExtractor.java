package org.causalworkbench.inference.judge;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.causalworkbench.core.model.Unit;

/** An extractor that waits on a remote model: batches are read without holding a thread. */
public interface AsyncCausalExtractor extends CausalExtractor {

  /** One result per unit, in order; model failures are results with a failure, not a failed future. */
  CompletableFuture<List<UnitRelations>> extractAsync(List<Unit> batch);

  /** What a unit that got no answer at all yields: no relations, and the reason. */
  default UnitRelations unanswered(Unit unit, String reason, String detail) {
    return new UnitRelations(unit, List.of(), reason, detail, org.causalworkbench.core.model.Verdict.Usage.NONE, 0);
  }

  @Override
  default List<UnitRelations> extract(List<Unit> batch) {
    return extractAsync(batch).join();
  }
}
