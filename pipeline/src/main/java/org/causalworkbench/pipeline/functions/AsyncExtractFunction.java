package org.causalworkbench.pipeline.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.extraction.relations.RelationEvidence;
import org.causalworkbench.extraction.variables.VariableNormaliser;
import org.causalworkbench.inference.judge.AsyncCausalExtractor;
import org.causalworkbench.inference.judge.CausalExtractor;
import org.causalworkbench.inference.judge.ExtractorFactory;
import org.causalworkbench.inference.judge.UnitRelations;

/**
 * Runs a remote extractor ({@code llm}, {@code cascade}) in Flink's async I/O: batches in flight
 * are bounded by the operator's capacity and requests by the extractor's own limit, so a slow model
 * back-pressures the job. A batch that times out, or fails outright, still yields a verdict per unit
 * (label {@code unknown}, with the reason). Metrics only: Flink keeps accumulators out of async
 * functions, so {@link org.causalworkbench.pipeline.functions.VerdictCounter} after it adds the
 * run's totals.
 */
public final class AsyncExtractFunction extends RichAsyncFunction<List<Unit>, Verdict> {

  private static final long serialVersionUID = 1L;
  private final WorkbenchConfig config;
  private transient AsyncCausalExtractor extractor;
  private transient RelationEvidence evidence;
  private transient Counter verdicts;
  private transient Counter failures;
  private transient Counter relations;

  public AsyncExtractFunction(WorkbenchConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext context) {
    CausalExtractor created = ExtractorFactory.create(config);
    if (!(created instanceof AsyncCausalExtractor async)) {
      created.close();
      throw new IllegalStateException("extractor " + created.id() + " cannot run asynchronously");
    }
    extractor = async;
    evidence = new RelationEvidence(new VariableNormaliser());
    verdicts = getRuntimeContext().getMetricGroup().counter("verdicts");
    failures = getRuntimeContext().getMetricGroup().counter("extractionFailures");
    relations = getRuntimeContext().getMetricGroup().counter("relations");
  }

  @Override
  public void asyncInvoke(List<Unit> batch, ResultFuture<Verdict> result) {
    CompletableFuture<List<UnitRelations>> pending;
    try {
      pending = extractor.extractAsync(batch); // a cascade's or union's in-process part runs here, and may throw
    } catch (RuntimeException e) {
      result.complete(unanswered(batch, DeadLetterReason.EXTRACTION_FAILED, e.toString()));
      return;
    }
    pending.whenComplete((found, error) -> {
      // Every path completes the future: one left open would hold the batch until the operator's timeout.
      try {
        if (error != null) {
          Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          result.complete(unanswered(batch, "http_error", cause.toString()));
          return;
        }
        if (found.size() != batch.size()) {
          result.complete(unanswered(batch, DeadLetterReason.EXTRACTION_FAILED, "extractor " + extractor.id()
              + " returned " + found.size() + " results for " + batch.size() + " units"));
          return;
        }
        List<Verdict> out = new ArrayList<>();
        for (UnitRelations r : found) {
          out.addAll(evidence.verdicts(r, extractor.id(), extractor.version()).verdicts());
          relations.inc(r.relations().size());
          if (r.failure() != null) {
            failures.inc();
          }
        }
        verdicts.inc(out.size());
        result.complete(out);
      } catch (RuntimeException e) {
        result.complete(unanswered(batch, DeadLetterReason.EXTRACTION_FAILED, e.toString()));
      }
    });
  }

  @Override
  public void timeout(List<Unit> batch, ResultFuture<Verdict> result) {
    result.complete(unanswered(batch, "timeout", "the batch took longer than the operator's timeout"));
  }

  private List<Verdict> unanswered(List<Unit> batch, String reason, String detail) {
    failures.inc(batch.size());
    List<Verdict> out = new ArrayList<>();
    for (Unit unit : batch) {
      out.addAll(evidence.verdicts(extractor.unanswered(unit, reason, detail), extractor.id(), extractor.version())
          .verdicts());
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    if (extractor != null) {
      extractor.close();
    }
  }
}
