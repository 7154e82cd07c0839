package org.causalworkbench.pipeline.functions;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.causalworkbench.core.model.Verdict;

/** Adds up what the asynchronous judge produced (pairs, tokens, failures) for the run's summary. */
public final class VerdictCounter extends RichMapFunction<Verdict, Verdict> {

  private static final long serialVersionUID = 1L;
  public static final String TOKENS_IN = "judge.tokens-in";
  public static final String TOKENS_OUT = "judge.tokens-out";
  public static final String FAILURES = "judge.failures";
  public static final String LATENCY_MILLIS = "judge.latency-ms";

  private transient LongCounter pairs;
  private transient LongCounter tokensIn;
  private transient LongCounter tokensOut;
  private transient LongCounter failures;
  private transient LongCounter latency;

  @Override
  public void open(OpenContext context) {
    pairs = getRuntimeContext().getLongCounter(JudgeFunction.JUDGED_PAIRS);
    tokensIn = getRuntimeContext().getLongCounter(TOKENS_IN);
    tokensOut = getRuntimeContext().getLongCounter(TOKENS_OUT);
    failures = getRuntimeContext().getLongCounter(FAILURES);
    latency = getRuntimeContext().getLongCounter(LATENCY_MILLIS);
  }

  @Override
  public Verdict map(Verdict v) {
    pairs.add(1);
    tokensIn.add(v.usage().tokensIn());
    tokensOut.add(v.usage().tokensOut());
    latency.add(v.usage().latencyMillis());
    if (v.failure() != null) {
      failures.add(1);
    }
    return v;
  }
}
