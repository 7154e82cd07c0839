package org.causalworkbench.extraction.job;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.AnnotatedDocument;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.ProcessedDocument;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.inference.judge.ExtractorFactory;
import org.causalworkbench.inference.judge.JudgeFactory;
import org.causalworkbench.inference.operator.AsyncJudgeFunction;
import org.causalworkbench.inference.operator.JudgeFunction;
import org.causalworkbench.inference.operator.VerdictCounter;
import org.causalworkbench.inference.operator.MicroBatchOperator;
import org.causalworkbench.inference.llm.LlmSettings;

/**
 * The job graph from the {@code documents} topic to verdicts:
 *
 * <pre>
 * spans (default):
 * documents topic → decode → annotate (CoreNLP) → units → micro-batches → gate → extract (relations → evidence)
 *                      ↘ dead letters ↙              ↘ processed documents
 * pairs (extraction.mode=pairs):
 * documents topic → decode → annotate (CoreNLP) → units and candidate pairs → micro-batches → judge
 * </pre>
 *
 * Verdicts and dead letters are written to their topics exactly once; the caller adds the sinks
 * of the graph store to the returned streams.
 */
public final class ExtractionJob {

  /** The streams the job produces. */
  public record Streams(
      DataStream<Verdict> verdicts, DataStream<ProcessedDocument> processedDocuments, DataStream<DeadLetter> deadLetters) {}

  /** Records up to the topics' max.message.bytes (see Topics). */
  private static final String MAX_RECORD_BYTES = Integer.toString(8 * 1024 * 1024);

  private ExtractionJob() {}

  /**
   * @param kafka the properties every Kafka client of the job starts from: bootstrap servers and
   *     the user's security settings
   * @param runId the run every verdict is stamped with (see the store's runs)
   * @param bounded read up to the topic's current end and finish (a batch run); otherwise keep
   *     reading as documents arrive
   */
  public static Streams build(StreamExecutionEnvironment env, WorkbenchConfig config, Properties kafka,
      String runId, boolean bounded) {
    String jobName = config.get(WorkbenchOptions.JOB_NAME);
    KafkaSourceBuilder<RawRecord> source = KafkaSource.<RawRecord>builder()
        .setProperties(kafka)
        .setTopics(config.get(WorkbenchOptions.TOPIC_DOCUMENTS))
        .setGroupId(jobName)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new RawRecordDeserializer())
        .setProperty("isolation.level", "read_committed")
        .setProperty("partition.discovery.interval.ms", bounded ? "-1" : "10000");
    if (bounded) {
      source.setBounded(OffsetsInitializer.latest());
    }

    SingleOutputStreamOperator<Document> documents = env
        .fromSource(source.build(), WatermarkStrategy.noWatermarks(), "documents")
        .uid("documents-source")
        .process(new DecodeDocumentFunction()).name("decode").uid("decode");

    SingleOutputStreamOperator<AnnotatedDocument> annotated = documents
        .process(new AnnotateFunction(config)).name("annotate (CoreNLP)").uid("annotate");

    DataStream<DeadLetter> deadLetters = documents.getSideOutput(SideOutputs.DEAD_LETTERS)
        .union(annotated.getSideOutput(SideOutputs.DEAD_LETTERS));
    DataStream<Verdict> verdicts;
    DataStream<ProcessedDocument> processed;
    if (ExtractorFactory.pairsMode(config)) {
      SingleOutputStreamOperator<CandidatePair> pairs = annotated
          .process(new CandidatesFunction(config)).name("units and candidate pairs").uid("candidates");
      TypeInformation<List<CandidatePair>> batchType = new TypeHint<List<CandidatePair>>() {}.getTypeInfo();
      int batchSize = config.getInt(WorkbenchOptions.BATCH_MAX_PAIRS);
      DataStream<List<CandidatePair>> batches = pairs
          .transform("micro-batch", batchType, new MicroBatchOperator<CandidatePair>(
              batchSize, config.getLong(WorkbenchOptions.BATCH_MAX_WAIT_MS)))
          .uid("micro-batch");
      deadLetters = deadLetters.union(pairs.getSideOutput(SideOutputs.DEAD_LETTERS));
      if (JudgeFactory.runsAsync(config)) {
        // Enough batches in flight to keep llm.concurrency requests going; failures come back as verdicts.
        LlmSettings llm = LlmSettings.from(config);
        verdicts = AsyncDataStream.unorderedWait(batches, new AsyncJudgeFunction(config), llm.operatorTimeoutMillis(),
                TimeUnit.MILLISECONDS, llm.batchesInFlight(batchSize))
            .name("judge (async)").uid("judge-async")
            .map(new VerdictCounter()).name("count verdicts").uid("count-verdicts");
      } else {
        SingleOutputStreamOperator<Verdict> judged = batches.process(new JudgeFunction(config)).name("judge").uid("judge");
        deadLetters = deadLetters.union(judged.getSideOutput(SideOutputs.DEAD_LETTERS));
        verdicts = judged;
      }
      processed = pairs.getSideOutput(SideOutputs.PROCESSED_DOCUMENTS);
    } else {
      SingleOutputStreamOperator<Unit> units = annotated
          .process(new UnitsFunction()).name("units").uid("units");
      TypeInformation<List<Unit>> batchType = new TypeHint<List<Unit>>() {}.getTypeInfo();
      int batchSize = config.getInt(WorkbenchOptions.BATCH_MAX_UNITS);
      SingleOutputStreamOperator<List<Unit>> batches = units
          .transform("micro-batch", batchType, new MicroBatchOperator<Unit>(
              batchSize, config.getLong(WorkbenchOptions.BATCH_MAX_WAIT_MS)))
          .uid("micro-batch-units");
      deadLetters = deadLetters.union(units.getSideOutput(SideOutputs.DEAD_LETTERS));
      if (ExtractorFactory.runsAsync(config)) {
        SingleOutputStreamOperator<List<Unit>> gated =
            batches.process(new GateFunction(config)).name("gate").uid("gate");
        deadLetters = deadLetters.union(gated.getSideOutput(SideOutputs.DEAD_LETTERS));
        if (ExtractorFactory.verifyJudge(config) != null) {
          throw new IllegalArgumentException("extraction.verify works with in-process extractors (tagger, cue, tagger+cue);"
              + " extraction.extractor=" + config.get(WorkbenchOptions.EXTRACTOR) + " waits on a model: set"
              + " extraction.verify=none, or ask the llm extractor itself");
        }
        LlmSettings llm = LlmSettings.from(config);
        verdicts = AsyncDataStream.unorderedWait(gated, new AsyncExtractFunction(config), llm.operatorTimeoutMillis(),
                TimeUnit.MILLISECONDS, llm.batchesInFlight(batchSize))
            .name("extract (async)").uid("extract-async")
            .map(new VerdictCounter()).name("count verdicts").uid("count-verdicts");
      } else {
        // In process, the gate runs inside the extract function, so a tagger gate and extractor share one reading.
        SingleOutputStreamOperator<Verdict> extracted =
            batches.process(new ExtractFunction(config)).name("gate and extract").uid("extract");
        deadLetters = deadLetters.union(extracted.getSideOutput(SideOutputs.DEAD_LETTERS));
        verdicts = extracted;
      }
      processed = units.getSideOutput(SideOutputs.PROCESSED_DOCUMENTS);
    }

    verdicts = verdicts.map(new StampRunFunction(runId)).name("stamp run").uid("stamp-run");
    verdicts.sinkTo(KafkaSink.<Verdict>builder()
            .setKafkaProducerConfig(kafka)
            .setRecordSerializer(new JsonRecordSerializer<>(config.get(WorkbenchOptions.TOPIC_VERDICTS), Verdict::evidenceId))
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix(jobName + "-verdicts")
            .setProperty("transaction.timeout.ms", "600000")
            .setProperty("max.request.size", MAX_RECORD_BYTES)
            .build())
        .name("verdicts topic").uid("verdicts-sink");
    deadLetters.sinkTo(KafkaSink.<DeadLetter>builder()
            .setKafkaProducerConfig(kafka)
            .setRecordSerializer(new JsonRecordSerializer<>(config.get(WorkbenchOptions.TOPIC_DEAD_LETTER), DeadLetter::inputId))
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix(jobName + "-dead-letter")
            .setProperty("transaction.timeout.ms", "600000")
            .setProperty("max.request.size", MAX_RECORD_BYTES)
            .build())
        .name("dead-letter topic").uid("dead-letter-sink");

    return new Streams(verdicts, processed, deadLetters);
  }
}
