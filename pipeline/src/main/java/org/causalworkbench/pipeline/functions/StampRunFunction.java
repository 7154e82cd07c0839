package org.causalworkbench.pipeline.functions;

import org.apache.flink.api.common.functions.MapFunction;
import org.causalworkbench.core.model.Verdict;

/** Marks each verdict with the job run that produced it, before it reaches the topic and the store. */
public final class StampRunFunction implements MapFunction<Verdict, Verdict> {

  private static final long serialVersionUID = 1L;

  private final String runId;

  public StampRunFunction(String runId) {
    this.runId = runId;
  }

  @Override
  public Verdict map(Verdict verdict) {
    return verdict.withRun(runId);
  }
}
