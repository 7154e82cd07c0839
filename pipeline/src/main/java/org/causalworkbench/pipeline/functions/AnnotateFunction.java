package org.causalworkbench.pipeline.functions;

import java.util.Locale;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.AnnotatedDocument;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.extraction.annotate.CoreNlpAnnotator;
import org.causalworkbench.extraction.annotate.SentenceAnnotator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits and annotates documents with CoreNLP, built once per task in {@link #open}. Nothing here
 * may hold the stream: a sentence longer than {@code extraction.max-sentence-tokens} is left out
 * and dead-lettered ({@code sentence_too_long}) while the rest of its document goes on, and a
 * document that takes longer than {@code extraction.annotation-budget-ms} is dead-lettered whole
 * ({@code annotation_timeout}), so checkpoints keep completing.
 */
public final class AnnotateFunction extends ProcessFunction<Document, AnnotatedDocument> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AnnotateFunction.class);
  public static final String ANNOTATE_NANOS = "annotate.nanos";
  public static final String SENTENCES = "annotate.sentences";

  private final WorkbenchConfig config;
  private transient SentenceAnnotator annotator;
  private transient long budgetNanos;
  private transient int maxSentenceTokens;
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
    budgetNanos = config.getLong(WorkbenchOptions.ANNOTATION_BUDGET_MS) * 1_000_000;
    maxSentenceTokens = config.getInt(WorkbenchOptions.MAX_SENTENCE_TOKENS);
    LOG.info("CoreNLP ({}) ready in {} ms", CoreNlpAnnotator.annotators(config),
        (System.nanoTime() - start) / 1_000_000);
    nanos = getRuntimeContext().getLongCounter(ANNOTATE_NANOS);
    sentences = getRuntimeContext().getLongCounter(SENTENCES);
    deadLettered = getRuntimeContext().getLongCounter(DecodeDocumentFunction.DEAD_LETTERED);
  }

  @Override
  public void processElement(Document document, Context ctx, Collector<AnnotatedDocument> out) {
    long start = System.nanoTime();
    SentenceAnnotator.Annotated annotated;
    try {
      annotated = annotator.annotate(document, budgetNanos);
    } catch (SentenceAnnotator.AnnotationBudgetExceeded e) {
      LOG.warn("document {} ({}) dead-lettered: {}", document.id(), document.source(), e.getMessage());
      deadLettered.add(1);
      ctx.output(SideOutputs.DEAD_LETTERS, DeadLetter.of(document.id(), "annotate",
          DeadLetterReason.ANNOTATION_TIMEOUT, document.source() + ": " + e.getMessage(), document.text()));
      return;
    } catch (RuntimeException e) {
      LOG.warn("document {} ({}) could not be annotated: {}", document.id(), document.source(), e.toString());
      deadLettered.add(1);
      ctx.output(SideOutputs.DEAD_LETTERS, DeadLetter.of(document.id(), "annotate",
          DeadLetterReason.ANNOTATION_FAILED, document.source() + ": " + e, document.text()));
      return;
    }
    for (SentenceAnnotator.Skipped s : annotated.skipped()) {
      String id = document.id() + "#s" + s.index();
      LOG.warn("sentence {} of {} ({}) left out: {} tokens", s.index(), document.id(), document.source(), s.tokens());
      ctx.output(SideOutputs.DEAD_LETTERS, DeadLetter.of(id, "annotate", DeadLetterReason.SENTENCE_TOO_LONG,
          String.format(Locale.ROOT, "%s: sentence %d (characters %d-%d) has %d tokens, more than"
              + " extraction.max-sentence-tokens=%d; the rest of the document was read", document.source(), s.index(),
              s.begin(), s.end(), s.tokens(), maxSentenceTokens), document.text().substring(s.begin(), s.end())));
    }
    long spent = System.nanoTime() - start;
    nanos.add(spent);
    sentences.add(annotated.sentences().size());
    out.collect(new AnnotatedDocument(document, annotated.sentences(), spent));
  }
}
