package org.causalworkbench.pipeline.functions;

import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.extraction.relations.RelationEvidence;
import org.causalworkbench.extraction.variables.VariableNormaliser;
import org.causalworkbench.inference.judge.CausalExtractor;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.inference.gate.UnitGate;
import org.causalworkbench.inference.judge.ExtractorFactory;
import org.causalworkbench.inference.judge.JudgeFactory;
import org.causalworkbench.inference.judge.RelationVerifier;
import org.causalworkbench.inference.judge.UnitRelations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gates each batch of units ({@link UnitGate}), runs the configured in-process extractor on the
 * units that pass, and turns its relations into evidence ({@link RelationEvidence}). Gate, extractor
 * and normaliser are built once per task in {@link #open}; a tagger gate reads with the extractor's
 * tagger, which then answers the passed units from that reading. A batch the extractor throws on is dead-lettered unit by unit; an
 * {@link Error} still fails the task, so the job restarts from its last checkpoint.
 */
public final class ExtractFunction extends ProcessFunction<List<Unit>, Verdict> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ExtractFunction.class);
  public static final String UNITS = "extract.units";
  public static final String RELATIONS = "extract.relations";
  public static final String UNNAMED = "extract.unnamed";
  public static final String EXTRACT_NANOS = "extract.nanos";

  private final WorkbenchConfig config;
  private transient UnitGate gate;
  private transient CausalExtractor extractor;
  private transient RelationVerifier verifier;
  private transient RelationEvidence evidence;
  private transient Counter verdicts;
  private transient LongCounter units;
  private transient LongCounter relations;
  private transient LongCounter unnamed;
  private transient LongCounter nanos;
  private transient LongCounter gateUnits;
  private transient LongCounter gatePassed;
  private transient LongCounter gateNanos;

  public ExtractFunction(WorkbenchConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext context) {
    extractor = ExtractorFactory.create(config);
    gate = UnitGate.fromConfig(config, extractor);
    String verify = ExtractorFactory.verifyJudge(config);
    verifier = verify == null ? null
        : new RelationVerifier(JudgeFactory.create(config.with(WorkbenchOptions.JUDGE, verify)));
    evidence = new RelationEvidence(new VariableNormaliser());
    verdicts = getRuntimeContext().getMetricGroup().counter("verdicts");
    units = getRuntimeContext().getLongCounter(UNITS);
    relations = getRuntimeContext().getLongCounter(RELATIONS);
    unnamed = getRuntimeContext().getLongCounter(UNNAMED);
    nanos = getRuntimeContext().getLongCounter(EXTRACT_NANOS);
    gateUnits = getRuntimeContext().getLongCounter(GateFunction.UNITS);
    gatePassed = getRuntimeContext().getLongCounter(GateFunction.PASSED);
    gateNanos = getRuntimeContext().getLongCounter(GateFunction.GATE_NANOS);
  }

  @Override
  public void processElement(List<Unit> read, Context ctx, Collector<Verdict> out) {
    List<Unit> batch = GateFunction.pass(gate, read, ctx, gateUnits, gatePassed, gateNanos);
    if (batch.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    List<UnitRelations> found;
    try {
      found = extractor.extract(batch);
      if (found.size() != batch.size()) {
        throw new IllegalStateException("extractor " + extractor.id() + " returned " + found.size() + " results for "
            + batch.size() + " units; an extractor must answer every unit");
      }
    } catch (RuntimeException e) {
      LOG.warn("extractor {} failed on a batch of {} units; dead-lettering them: {}", extractor.id(), batch.size(),
          e.toString());
      for (Unit unit : batch) {
        ctx.output(SideOutputs.DEAD_LETTERS, DeadLetter.of(unit.id(), "extract", DeadLetterReason.EXTRACTION_FAILED,
            unit.id() + ": " + e, unit.text()));
      }
      return;
    }
    for (UnitRelations r : found) {
      RelationEvidence.Result result;
      try {
        if (verifier != null && !r.relations().isEmpty()) {
          r = new UnitRelations(r.unit(), verifier.verify(r.unit(), r.relations()), r.failure(), r.detail(), r.usage(),
              r.llmCalls());
        }
        result = evidence.verdicts(r, extractor.id(), extractor.version());
      } catch (RuntimeException e) {
        LOG.warn("unit {} could not become evidence; dead-lettering it: {}", r.unit().id(), e.toString());
        ctx.output(SideOutputs.DEAD_LETTERS, DeadLetter.of(r.unit().id(), "extract", DeadLetterReason.EXTRACTION_FAILED,
            r.unit().id() + ": " + e, r.unit().text()));
        continue;
      }
      relations.add(r.relations().size());
      unnamed.add(result.unnamed());
      result.verdicts().forEach(out::collect);
      verdicts.inc(result.verdicts().size());
    }
    units.add(batch.size());
    nanos.add(System.nanoTime() - start);
  }

  @Override
  public void close() throws Exception {
    if (verifier != null) {
      verifier.close();
    }
    if (gate != null) {
      gate.close();
    }
    if (extractor != null) {
      extractor.close();
    }
  }
}
