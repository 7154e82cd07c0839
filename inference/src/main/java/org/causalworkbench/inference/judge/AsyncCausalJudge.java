package org.causalworkbench.inference.judge;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.Verdict;

/** A judge that waits on a remote model: batches are judged without holding a thread. */
public interface AsyncCausalJudge extends CausalJudge {

  /** One verdict per pair, in order; model failures are verdicts, not a failed future. */
  CompletableFuture<List<Verdict>> judgeAsync(List<CandidatePair> batch);

  /** The verdict for a pair that got no answer at all, labelled {@code unknown} with {@code reason}. */
  Verdict unanswered(CandidatePair pair, String reason, String detail);
}
