package org.causalworkbench.extraction.candidates;

import java.util.ArrayList;
import java.util.List;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Unit;

/**
 * Where sentences become units: each sentence alone, and each pair of adjacent sentences (two
 * sentences with one left out between them, too long to annotate, are not adjacent).
 */
public final class UnitBuilder {

  public List<Unit> units(String documentId, List<Sentence> sentences) {
    List<Unit> units = new ArrayList<>(sentences.size() * 2);
    for (int i = 0; i < sentences.size(); i++) {
      units.add(Unit.of(documentId, List.of(sentences.get(i))));
      if (i + 1 < sentences.size() && sentences.get(i + 1).index() == sentences.get(i).index() + 1) {
        units.add(Unit.of(documentId, List.of(sentences.get(i), sentences.get(i + 1))));
      }
    }
    return units;
  }
}
