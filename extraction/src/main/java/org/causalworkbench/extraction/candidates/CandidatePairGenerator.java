package org.causalworkbench.extraction.candidates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.Mention;
import org.causalworkbench.core.model.Unit;

/**
 * Where a unit becomes candidate pairs: every two mentions with different variable names, in text
 * order, nearest first, at most {@code maxPairsPerUnit}. In a two-sentence unit only pairs that
 * cross the boundary are formed; pairs inside one sentence belong to that sentence's own unit.
 */
public final class CandidatePairGenerator {

  private final MentionExtractor mentions;
  private final int maxPairsPerUnit;

  public CandidatePairGenerator(MentionExtractor mentions, int maxPairsPerUnit) {
    this.mentions = mentions;
    this.maxPairsPerUnit = maxPairsPerUnit;
  }

  /** The generator the job uses: the mention rule and {@code extraction.max-pairs-per-unit}. */
  public static CandidatePairGenerator fromConfig(WorkbenchConfig config) {
    return new CandidatePairGenerator(new MentionExtractor(), config.getInt(WorkbenchOptions.MAX_PAIRS_PER_UNIT));
  }

  public List<CandidatePair> pairs(Unit unit) {
    List<Mention> all = new ArrayList<>();
    unit.sentences().forEach(s -> all.addAll(mentions.mentions(s)));
    List<CandidatePair> pairs = new ArrayList<>();
    for (int a = 0; a < all.size(); a++) {
      for (int b = a + 1; b < all.size(); b++) {
        Mention first = all.get(a);
        Mention second = all.get(b);
        if (unit.crossSentence() && first.sentenceIndex() == second.sentenceIndex()) {
          continue;
        }
        if (first.variable().equals(second.variable())) {
          continue;
        }
        pairs.add(CandidatePair.of(unit, first, second));
      }
    }
    pairs.sort(Comparator.comparingInt((CandidatePair p) -> p.second().span().begin() - p.first().span().end())
        .thenComparing(CandidatePair::id));
    return pairs.size() > maxPairsPerUnit ? List.copyOf(pairs.subList(0, maxPairsPerUnit)) : pairs;
  }
}
