package org.causalworkbench.extraction.job;

import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.AnnotatedDocument;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.ProcessedDocument;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.extraction.candidates.CandidatePairGenerator;
import org.causalworkbench.extraction.candidates.MentionExtractor;
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

  public CandidatesFunction(WorkbenchConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext context) {
    units = new UnitBuilder();
    pairs = new CandidatePairGenerator(new MentionExtractor(), config.getInt(WorkbenchOptions.MAX_PAIRS_PER_UNIT));
    processed = getRuntimeContext().getLongCounter(PROCESSED);
    unitCount = getRuntimeContext().getLongCounter(UNITS);
    pairCount = getRuntimeContext().getLongCounter(PAIRS);
    nanos = getRuntimeContext().getLongCounter(CANDIDATE_NANOS);
  }

  @Override
  public void processElement(AnnotatedDocument doc, Context ctx, Collector<CandidatePair> out) {
    long start = System.nanoTime();
    List<Unit> documentUnits = units.units(doc.document().id(), doc.sentences());
    int documentPairs = 0;
    for (Unit unit : documentUnits) {
      for (CandidatePair pair : pairs.pairs(unit)) {
        out.collect(pair);
        documentPairs++;
      }
    }
    nanos.add(System.nanoTime() - start);
    processed.add(1);
    unitCount.add(documentUnits.size());
    pairCount.add(documentPairs);
    ctx.output(SideOutputs.PROCESSED_DOCUMENTS,
        new ProcessedDocument(doc.document(), doc.sentences(), documentUnits.size(), documentPairs, doc.annotationNanos()));
  }
}
