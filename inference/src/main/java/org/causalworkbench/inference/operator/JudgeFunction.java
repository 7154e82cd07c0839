package org.causalworkbench.inference.operator;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.inference.judge.CausalJudge;
import org.causalworkbench.inference.judge.JudgeFactory;

/**
 * Runs the configured judge on each batch. The judge is built once per task in {@link #open} and
 * closed in {@link #close}. Counts verdicts and time spent judging, as metrics and accumulators.
 */
public final class JudgeFunction extends RichFlatMapFunction<List<CandidatePair>, Verdict> {

  private static final long serialVersionUID = 1L;
  public static final String JUDGE_NANOS = "judge.nanos";
  public static final String JUDGED_PAIRS = "judge.pairs";

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
  public void flatMap(List<CandidatePair> batch, Collector<Verdict> out) {
    long start = System.nanoTime();
    List<Verdict> judged = judge.judge(batch);
    if (judged.size() != batch.size()) {
      throw new IllegalStateException("judge " + judge.id() + " returned " + judged.size() + " verdicts for "
          + batch.size() + " pairs; a judge must answer every pair");
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
