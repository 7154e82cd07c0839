package org.causalworkbench.pipeline.functions;

import java.util.ArrayList;
import java.util.List;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.DeadLetterReason;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.model.AnnotatedDocument;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.ProcessedDocument;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.extraction.candidates.CandidatePairGenerator;
import org.causalworkbench.extraction.candidates.UnitBuilder;

/**
 * Turns an annotated document into units and candidate pairs; reports the document, with its
 * counts, on the {@link SideOutputs#PROCESSED_DOCUMENTS} side output.
 */
public final class CandidatesFunction extends ProcessFunction<AnnotatedDocument, CandidatePair> {

  private static final long serialVersionUID = 1L;
  public static final String PROCESSED = "documents.processed";
  public static final String UNITS = "candidates.units";
  public static final String PAIRS = "candidates.pairs";
  public static final String CANDIDATE_NANOS = "candidates.nanos";

  private final WorkbenchConfig config;
  private transient UnitBuilder units;
  private transient CandidatePairGenerator pairs;
  private transient LongCounter processed;
  private transient LongCounter unitCount;
  private transient LongCounter pairCount;
  private transient LongCounter nanos;
  private transient LongCounter deadLettered;

  public CandidatesFunction(WorkbenchConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext context) {
    units = new UnitBuilder();
    pairs = CandidatePairGenerator.fromConfig(config);
    processed = getRuntimeContext().getLongCounter(PROCESSED);
    unitCount = getRuntimeContext().getLongCounter(UNITS);
    pairCount = getRuntimeContext().getLongCounter(PAIRS);
    nanos = getRuntimeContext().getLongCounter(CANDIDATE_NANOS);
    deadLettered = getRuntimeContext().getLongCounter(DecodeDocumentFunction.DEAD_LETTERED);
  }

  @Override
  public void processElement(AnnotatedDocument doc, Context ctx, Collector<CandidatePair> out) {
    long start = System.nanoTime();
    List<Unit> documentUnits;
    List<CandidatePair> documentPairs = new ArrayList<>();
    try {
      documentUnits = units.units(doc.document().id(), doc.sentences());
      for (Unit unit : documentUnits) {
        documentPairs.addAll(pairs.pairs(unit));
      }
    } catch (RuntimeException e) {
      deadLettered.add(1);
      ctx.output(SideOutputs.DEAD_LETTERS, DeadLetter.of(doc.document().id(), "candidates",
          DeadLetterReason.CANDIDATES_FAILED, doc.document().source() + ": " + e, doc.document().text()));
      return;
    }
    documentPairs.forEach(out::collect);
    nanos.add(System.nanoTime() - start);
    processed.add(1);
    unitCount.add(documentUnits.size());
    pairCount.add(documentPairs.size());
    ctx.output(SideOutputs.PROCESSED_DOCUMENTS, new ProcessedDocument(doc.document(), doc.sentences(),
        documentUnits.size(), documentPairs.size(), doc.annotationNanos()));
  }
}
