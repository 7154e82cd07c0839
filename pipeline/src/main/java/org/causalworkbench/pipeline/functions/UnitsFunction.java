package org.causalworkbench.pipeline.functions;

import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.causalworkbench.core.model.AnnotatedDocument;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.core.model.ProcessedDocument;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.extraction.candidates.UnitBuilder;

/**
 * Turns an annotated document into its units (each sentence, each adjacent pair) for the gate and
 * the extractor; reports the document, with its counts, on the {@link
 * SideOutputs#PROCESSED_DOCUMENTS} side output.
 */
public final class UnitsFunction extends ProcessFunction<AnnotatedDocument, Unit> {

  private static final long serialVersionUID = 1L;

  private transient UnitBuilder units;
  private transient LongCounter processed;
  private transient LongCounter unitCount;
  private transient LongCounter deadLettered;

  @Override
  public void open(OpenContext context) {
    units = new UnitBuilder();
    processed = getRuntimeContext().getLongCounter(CandidatesFunction.PROCESSED);
    unitCount = getRuntimeContext().getLongCounter(CandidatesFunction.UNITS);
    deadLettered = getRuntimeContext().getLongCounter(DecodeDocumentFunction.DEAD_LETTERED);
  }

  @Override
  public void processElement(AnnotatedDocument doc, Context ctx, Collector<Unit> out) {
    List<Unit> documentUnits;
    try {
      documentUnits = units.units(doc.document().id(), doc.sentences());
    } catch (RuntimeException e) {
      deadLettered.add(1);
      ctx.output(SideOutputs.DEAD_LETTERS, DeadLetter.of(doc.document().id(), "units",
          DeadLetterReason.CANDIDATES_FAILED, doc.document().source() + ": " + e, doc.document().text()));
      return;
    }
    documentUnits.forEach(out::collect);
    processed.add(1);
    unitCount.add(documentUnits.size());
    ctx.output(SideOutputs.PROCESSED_DOCUMENTS, new ProcessedDocument(doc.document(), doc.sentences(),
        documentUnits.size(), 0, doc.annotationNanos()));
  }
}
