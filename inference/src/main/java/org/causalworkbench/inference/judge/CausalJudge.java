package org.causalworkbench.inference.judge;

import java.util.List;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.Verdict;

/**
 * Decides, for each candidate pair of a batch, whether its unit states that one mention causes the
 * other, and which way. One verdict per pair, in the batch's order; a judge never drops a pair.
 */
public interface CausalJudge extends AutoCloseable {

  /** Short id recorded with every verdict ({@code cue}, {@code encoder}, {@code llm}). */
  String id();

  /** Version of the judge's rules or model; part of evidence ids, so a new version adds new evidence. */
  String version();

  List<Verdict> judge(List<CandidatePair> batch);

  @Override
  default void close() {}
}
