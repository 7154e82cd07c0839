package org.causalworkbench.inference.judge;

import java.util.List;
import org.causalworkbench.core.model.Relation;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;

/**
 * What an extractor found in one unit.
 *
 * @param relations the relations, most probable first; empty when the unit states none, or when it
 *     got no answer
 * @param failure null, or why no answer could be read for the whole unit ({@code timeout},
 *     {@code truncated}, ...); with {@code relations} from a fallback when there was one
 * @param usage what reading the unit cost (tokens, latency); {@link Verdict.Usage#NONE} in process
 * @param llmCalls model requests made for this unit (0 for in-process extractors)
 */
public record UnitRelations(Unit unit, List<Relation> relations, String failure, String detail, Verdict.Usage usage,
    int llmCalls) {

  public UnitRelations {
    relations = List.copyOf(relations);
    usage = usage == null ? Verdict.Usage.NONE : usage;
  }

  /** An in-process extractor's answer. */
  public static UnitRelations of(Unit unit, List<Relation> relations) {
    return new UnitRelations(unit, relations, null, null, Verdict.Usage.NONE, 0);
  }
}
