package org.causalworkbench.extraction.job;

import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.model.AnnotatedDocument;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.extraction.annotate.CoreNlpAnnotator;
import org.causalworkbench.extraction.annotate.SentenceAnnotator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Splits and annotates documents with CoreNLP, built once per task in {@link #open}. */
public final class AnnotateFunction extends ProcessFunction<Document, AnnotatedDocument> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AnnotateFunction.class);
  public static final String ANNOTATE_NANOS = "annotate.nanos";
  public static final String SENTENCES = "annotate.sentences";

  private final WorkbenchConfig config;
  private transient SentenceAnnotator annotator;
  private transient LongCounter nanos;
  private transient LongCounter sentences;
  private transient LongCounter deadLettered;

  public AnnotateFunction(WorkbenchConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext context) {
    long start = System.nanoTime();
    annotator = CoreNlpAnnotator.fromConfig(config);
    LOG.info("CoreNLP ({}) ready in {} ms", CoreNlpAnnotator.annotators(config),
        (System.nanoTime() - start) / 1_000_000);
    nanos = getRuntimeContext().getLongCounter(ANNOTATE_NANOS);
    sentences = getRuntimeContext().getLongCounter(SENTENCES);
    deadLettered = getRuntimeContext().getLongCounter(DecodeDocumentFunction.DEAD_LETTERED);
  }

  @Override
  public void processElement(Document document, Context ctx, Collector<AnnotatedDocument> out) {
    long start = System.nanoTime();
    List<Sentence> annotated;
    try {
      annotated = annotator.annotate(document);
    } catch (RuntimeException e) {
      LOG.warn("document {} ({}) could not be annotated: {}", document.id(), document.source(), e.toString());
      deadLettered.add(1);
      ctx.output(SideOutputs.DEAD_LETTERS, DeadLetter.of(document.id(), "annotate",
          DeadLetterReason.ANNOTATION_FAILED, document.source() + ": " + e, document.text()));
      return;
    }
    long spent = System.nanoTime() - start;
    nanos.add(spent);
    sentences.add(annotated.size());
    out.collect(new AnnotatedDocument(document, annotated, spent));
  }
}
