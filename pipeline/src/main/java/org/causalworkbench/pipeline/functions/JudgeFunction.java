package org.causalworkbench.pipeline.functions;

import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.inference.judge.CausalJudge;
import org.causalworkbench.inference.judge.JudgeFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured judge on each batch. The judge is built once per task in {@link #open} and
 * closed in {@link #close}. A batch the judge throws on is dead-lettered pair by pair; an
 * {@link Error} still fails the task, so the job restarts from its last checkpoint.
 */
public final class JudgeFunction extends ProcessFunction<List<CandidatePair>, Verdict> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(JudgeFunction.class);
  public static final String JUDGE_NANOS = "judge.nanos";
  public static final String JUDGED_PAIRS = "judge.pairs";

  /** Pairs the judge failed on; the same tag id as every other dead-letter output of the job. */
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letter") {};

  private final WorkbenchConfig config;
  private transient CausalJudge judge;
  private transient Counter verdicts;
  private transient LongCounter nanos;
  private transient LongCounter pairs;

  public JudgeFunction(WorkbenchConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext context) {
    judge = JudgeFactory.create(config);
    verdicts = getRuntimeContext().getMetricGroup().counter("verdicts");
    nanos = getRuntimeContext().getLongCounter(JUDGE_NANOS);
    pairs = getRuntimeContext().getLongCounter(JUDGED_PAIRS);
  }

  @Override
  public void processElement(List<CandidatePair> batch, Context ctx, Collector<Verdict> out) {
    long start = System.nanoTime();
    List<Verdict> judged;
    try {
      judged = judge.judge(batch);
      if (judged.size() != batch.size()) {
        throw new IllegalStateException("judge " + judge.id() + " returned " + judged.size() + " verdicts for "
            + batch.size() + " pairs; a judge must answer every pair");
      }
    } catch (RuntimeException e) {
      LOG.warn("judge {} failed on a batch of {} pairs; dead-lettering them: {}", judge.id(), batch.size(), e.toString());
      for (CandidatePair pair : batch) {
        ctx.output(DEAD_LETTERS, DeadLetter.of(pair.id(), "judge", DeadLetterReason.JUDGE_FAILED,
            pair.id() + ": " + e, pair.unit().text()));
      }
      return;
    }
    nanos.add(System.nanoTime() - start);
    pairs.add(batch.size());
    judged.forEach(out::collect);
    verdicts.inc(judged.size());
  }

  @Override
  public void close() throws Exception {
    if (judge != null) {
      judge.close();
    }
  }
}
