package org.causalworkbench.app.pipeline;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.inference.cue.CueJudge;
import org.causalworkbench.inference.judge.CausalJudge;
import org.causalworkbench.inference.judge.JudgeProvider;

/**
 * {@code judge.type=flaky-cue}: the cue judge, slowed a little, that fails once in this JVM after
 * {@link #FAIL_AFTER_BATCHES} batches, so the job restarts from its last checkpoint mid-run.
 */
public final class FlakyJudgeProvider implements JudgeProvider {

  static final int FAIL_AFTER_BATCHES = 40;
  static final AtomicBoolean FAILED = new AtomicBoolean();
  static final AtomicInteger BATCHES = new AtomicInteger();

  @Override
  public String type() {
    return "flaky-cue";
  }

  @Override
  public CausalJudge create(WorkbenchConfig config) {
    return slowCue(() -> BATCHES.incrementAndGet() >= FAIL_AFTER_BATCHES && FAILED.compareAndSet(false, true),
        "injected judge failure, to test recovery from a checkpoint");
  }

  /**
   * The cue judge, 40 ms slower a batch (so checkpoints come between batches), that fails a batch
   * when {@code fail} says so.
   */
  static CausalJudge slowCue(BooleanSupplier fail, String why) {
    CueJudge cue = new CueJudge();
    return new CausalJudge() {
      @Override
      public String id() {
        return cue.id();
      }

      @Override
      public String version() {
        return cue.version();
      }

      @Override
      public List<Verdict> judge(List<CandidatePair> batch) {
        try {
          Thread.sleep(40);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (fail.getAsBoolean()) {
          // An Error, not an exception: exceptions dead-letter the batch, errors fail the task.
          throw new AssertionError(why);
        }
        return cue.judge(batch);
      }
    };
  }
}
