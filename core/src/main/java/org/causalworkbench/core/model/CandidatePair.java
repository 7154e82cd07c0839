package org.causalworkbench.core.model;

/**
 * Two mentions in one unit that a judge decides on. {@code first} precedes {@code second} in the
 * text; the verdict's label says which way, if any, the causation runs.
 *
 * @param id {@code unitId#firstBegin-secondBegin}, stable across replays
 */
public record CandidatePair(String id, Unit unit, Mention first, Mention second) {

  public static CandidatePair of(Unit unit, Mention first, Mention second) {
    String id = unit.id() + "#" + first.span().begin() + "-" + second.span().begin();
    return new CandidatePair(id, unit, first, second);
  }
}
