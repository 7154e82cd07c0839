package org.causalworkbench.pipeline.functions;

import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.inference.judge.AsyncCausalJudge;
import org.causalworkbench.inference.judge.CausalJudge;
import org.causalworkbench.inference.judge.JudgeFactory;

/**
 * Runs a remote judge in Flink's async I/O: batches in flight are bounded by the operator's
 * capacity and requests by the judge's own limit, so a slow model back-pressures the job instead
 * of filling a queue. A batch that times out, or fails outright, still yields one verdict per pair
 * (label {@code unknown}, with the reason), so nothing is dropped. Metrics only: Flink keeps
 * accumulators out of async functions, so {@link VerdictCounter} after it adds the run's totals.
 */
public final class AsyncJudgeFunction extends RichAsyncFunction<List<CandidatePair>, Verdict> {

  private static final long serialVersionUID = 1L;
  private final WorkbenchConfig config;
  private transient AsyncCausalJudge judge;
  private transient Counter verdicts;
  private transient Counter failureMetric;
  private transient Counter tokensIn;
  private transient Counter tokensOut;

  public AsyncJudgeFunction(WorkbenchConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext context) {
    CausalJudge created = JudgeFactory.create(config);
    if (!(created instanceof AsyncCausalJudge async)) {
      throw new IllegalStateException("judge " + created.id() + " cannot run asynchronously");
    }
    judge = async;
    verdicts = getRuntimeContext().getMetricGroup().counter("verdicts");
    failureMetric = getRuntimeContext().getMetricGroup().counter("judgeFailures");
    tokensIn = getRuntimeContext().getMetricGroup().counter("tokensIn");
    tokensOut = getRuntimeContext().getMetricGroup().counter("tokensOut");
  }

  @Override
  public void asyncInvoke(List<CandidatePair> batch, ResultFuture<Verdict> result) {
    judge.judgeAsync(batch).whenComplete((judged, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        result.complete(unanswered(batch, "http_error", cause.toString()));
        return;
      }
      for (Verdict v : judged) {
        tokensIn.inc(v.usage().tokensIn());
        tokensOut.inc(v.usage().tokensOut());
        if (v.failure() != null) {
          failureMetric.inc();
        }
      }
      verdicts.inc(judged.size());
      result.complete(judged);
    });
  }

  @Override
  public void timeout(List<CandidatePair> batch, ResultFuture<Verdict> result) {
    result.complete(unanswered(batch, "timeout", "the batch took longer than the operator's timeout"));
  }

  private List<Verdict> unanswered(List<CandidatePair> batch, String reason, String detail) {
    failureMetric.inc(batch.size());
    return batch.stream().map(p -> judge.unanswered(p, reason, detail)).toList();
  }

  @Override
  public void close() throws Exception {
    if (judge != null) {
      judge.close();
    }
  }
}
