package org.causalworkbench.pipeline.functions;

import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.inference.gate.UnitGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unit gate on each batch ({@link UnitGate}, built once per task in {@link #open}) before an
 * extractor that waits on a server: passes on the units that may state a cause, so the others never
 * reach a model. A batch the gate throws on is dead-lettered unit by unit. In-process extractors
 * gate inside {@link ExtractFunction} instead, where a tagger gate shares the extractor's reading.
 */
public final class GateFunction extends ProcessFunction<List<Unit>, List<Unit>> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(GateFunction.class);
  public static final String UNITS = "gate.units";
  public static final String PASSED = "gate.passed";
  public static final String GATE_NANOS = "gate.nanos";

  private final WorkbenchConfig config;
  private transient UnitGate gate;
  private transient LongCounter units;
  private transient LongCounter passed;
  private transient LongCounter nanos;

  public GateFunction(WorkbenchConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext context) {
    gate = UnitGate.fromConfig(config);
    units = getRuntimeContext().getLongCounter(UNITS);
    passed = getRuntimeContext().getLongCounter(PASSED);
    nanos = getRuntimeContext().getLongCounter(GATE_NANOS);
  }

  @Override
  public void processElement(List<Unit> batch, Context ctx, Collector<List<Unit>> out) {
    List<Unit> kept = pass(gate, batch, ctx, units, passed, nanos);
    if (!kept.isEmpty()) {
      out.collect(kept);
    }
  }

  /**
   * The units of {@code batch} that {@code gate} passes, counted; when the gate throws, none, and
   * the batch is dead-lettered unit by unit.
   */
  static List<Unit> pass(UnitGate gate, List<Unit> batch, ProcessFunction<List<Unit>, ?>.Context ctx,
      LongCounter units, LongCounter passed, LongCounter nanos) {
    long start = System.nanoTime();
    List<Unit> kept;
    try {
      kept = gate.pass(batch);
    } catch (RuntimeException e) {
      LOG.warn("the unit gate failed on a batch of {} units; dead-lettering them: {}", batch.size(), e.toString());
      for (Unit unit : batch) {
        ctx.output(SideOutputs.DEAD_LETTERS, DeadLetter.of(unit.id(), "gate", DeadLetterReason.GATE_FAILED,
            unit.id() + ": " + e, unit.text()));
      }
      return List.of();
    }
    nanos.add(System.nanoTime() - start);
    units.add(batch.size());
    passed.add(kept.size());
    return List.copyOf(kept);
  }

  @Override
  public void close() {
    if (gate != null) {
      gate.close();
    }
  }
}
