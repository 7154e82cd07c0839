package org.causalworkbench.pipeline;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
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
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.inference.judge.ExtractorFactory;
import org.causalworkbench.inference.judge.JudgeFactory;
import org.causalworkbench.inference.llm.LlmSettings;
import org.causalworkbench.ingest.kafka.KafkaConnection;
import org.causalworkbench.ingest.kafka.Topics;
import org.causalworkbench.pipeline.functions.AnnotateFunction;
import org.causalworkbench.pipeline.functions.AsyncExtractFunction;
import org.causalworkbench.pipeline.functions.AsyncJudgeFunction;
import org.causalworkbench.pipeline.functions.CandidatesFunction;
import org.causalworkbench.pipeline.functions.DecodeDocumentFunction;
import org.causalworkbench.pipeline.functions.ExtractFunction;
import org.causalworkbench.pipeline.functions.GateFunction;
import org.causalworkbench.pipeline.functions.JudgeFunction;
import org.causalworkbench.pipeline.functions.SideOutputs;
import org.causalworkbench.pipeline.functions.StampRunFunction;
import org.causalworkbench.pipeline.functions.UnitsFunction;
import org.causalworkbench.pipeline.functions.VerdictCounter;
import org.causalworkbench.pipeline.operator.MicroBatchOperator;
import org.causalworkbench.pipeline.sink.GraphStoreSink;
import org.causalworkbench.pipeline.sink.JsonRecordSerializer;
import org.causalworkbench.pipeline.source.EndingKafkaSource;
import org.causalworkbench.pipeline.source.RawRecord;
import org.causalworkbench.pipeline.source.RawRecordDeserializer;

/**
 * The whole job, from the {@code documents} topic to the verdicts topic and the graph store:
 *
 * <pre>
 * spans (default):
 * documents topic → decode → annotate (CoreNLP) → units → micro-batches → gate → extract → stamp run
 * pairs (extraction.mode=pairs):
 * documents topic → decode → annotate (CoreNLP) → units and candidate pairs → micro-batches → judge → stamp run
 *
 * verdicts → verdicts topic (exactly once) and, keyed by variable pair, → graph store: evidence, edges
 * processed documents → graph store: documents, sentences
 * dead letters of every step → dead-letter topic (exactly once)
 * </pre>
 *
 * The same topology runs in a local MiniCluster ({@link org.causalworkbench.pipeline.local.LocalJob})
 * and on a cluster ({@link JobMain}).
 */
public final class CausalGraphJob {

  private CausalGraphJob() {}

  /**
   * Adds the job to {@code env}. {@code config} must carry the resolved broker and database; every
   * verdict is stamped with {@code runId}.
   *
   * @param bounded read up to the topic's current end and finish (a batch run); otherwise keep
   *     reading as documents arrive
   */
  public static void define(StreamExecutionEnvironment env, WorkbenchConfig config, String runId, boolean bounded) {
    env.enableCheckpointing(config.getLong(WorkbenchOptions.JOB_CHECKPOINT_INTERVAL_MS));
    env.getConfig().enableObjectReuse();
    Properties kafka = KafkaConnection.from(config).properties();
    String jobName = config.get(WorkbenchOptions.JOB_NAME);

    SingleOutputStreamOperator<Document> documents = env
        .fromSource(documentsSource(config, kafka, bounded), WatermarkStrategy.noWatermarks(), "documents")
        .uid("documents-source")
        .process(new DecodeDocumentFunction()).name("decode").uid("decode");
    SingleOutputStreamOperator<AnnotatedDocument> annotated = documents
        .process(new AnnotateFunction(config)).name("annotate (CoreNLP)").uid("annotate");
    DataStream<DeadLetter> deadLetters = documents.getSideOutput(SideOutputs.DEAD_LETTERS)
        .union(annotated.getSideOutput(SideOutputs.DEAD_LETTERS));

    Extracted extracted = ExtractorFactory.pairsMode(config) ? judgePairs(annotated, config) : extractSpans(annotated, config);
    DataStream<Verdict> verdicts = extracted.verdicts()
        .map(new StampRunFunction(runId)).name("stamp run").uid("stamp-run");
    deadLetters = deadLetters.union(extracted.deadLetters());

    verdicts.sinkTo(exactlyOnce(kafka, jobName + "-verdicts",
            new JsonRecordSerializer<>(config.get(WorkbenchOptions.TOPIC_VERDICTS), Verdict::evidenceId)))
        .name("verdicts topic").uid("verdicts-sink");
    deadLetters.sinkTo(exactlyOnce(kafka, jobName + "-dead-letter",
            new JsonRecordSerializer<>(config.get(WorkbenchOptions.TOPIC_DEAD_LETTER), DeadLetter::key)))
        .name("dead-letter topic").uid("dead-letter-sink");
    extracted.processedDocuments()
        .sinkTo(new GraphStoreSink<ProcessedDocument>(config, (writer, batch) -> writer.writeDocuments(batch), 32, false))
        .name("graph store: documents").uid("store-documents");
    // One writer owns each unordered variable pair, so both directions of an edge are scored in one place.
    verdicts.keyBy(Verdict::variablePair)
        .sinkTo(new GraphStoreSink<Verdict>(config, (writer, batch) -> writer.writeVerdicts(batch), 512, true))
        .name("graph store: evidence").uid("store-evidence");
  }

  /** What the extraction step hands on: verdicts, documents done, and its own dead letters. */
  private record Extracted(DataStream<Verdict> verdicts, DataStream<ProcessedDocument> processedDocuments,
      DataStream<DeadLetter> deadLetters) {}

  /** Spans: an extractor reads each unit the gate passes and finds its cause and effect spans. */
  private static Extracted extractSpans(SingleOutputStreamOperator<AnnotatedDocument> annotated, WorkbenchConfig config) {
    SingleOutputStreamOperator<Unit> units = annotated.process(new UnitsFunction()).name("units").uid("units");
    int batchSize = config.getInt(WorkbenchOptions.BATCH_MAX_UNITS);
    SingleOutputStreamOperator<List<Unit>> batches = microBatches(units, new TypeHint<List<Unit>>() {}.getTypeInfo(),
        batchSize, config, "micro-batch-units");
    DataStream<DeadLetter> deadLetters = units.getSideOutput(SideOutputs.DEAD_LETTERS);
    DataStream<Verdict> verdicts;
    if (ExtractorFactory.runsAsync(config)) {
      SingleOutputStreamOperator<List<Unit>> gated = batches.process(new GateFunction(config)).name("gate").uid("gate");
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
    return new Extracted(verdicts, units.getSideOutput(SideOutputs.PROCESSED_DOCUMENTS), deadLetters);
  }

  /** Pairs: every candidate pair of noun phrases is judged. */
  private static Extracted judgePairs(SingleOutputStreamOperator<AnnotatedDocument> annotated, WorkbenchConfig config) {
    SingleOutputStreamOperator<CandidatePair> pairs = annotated
        .process(new CandidatesFunction(config)).name("units and candidate pairs").uid("candidates");
    int batchSize = config.getInt(WorkbenchOptions.BATCH_MAX_PAIRS);
    DataStream<List<CandidatePair>> batches = microBatches(pairs,
        new TypeHint<List<CandidatePair>>() {}.getTypeInfo(), batchSize, config, "micro-batch");
    DataStream<DeadLetter> deadLetters = pairs.getSideOutput(SideOutputs.DEAD_LETTERS);
    DataStream<Verdict> verdicts;
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
    return new Extracted(verdicts, pairs.getSideOutput(SideOutputs.PROCESSED_DOCUMENTS), deadLetters);
  }

  /** Batches of up to {@code size} items, or what arrived within extraction.batch.max-wait-ms. */
  private static <T> SingleOutputStreamOperator<List<T>> microBatches(DataStream<T> items,
      TypeInformation<List<T>> type, int size, WorkbenchConfig config, String uid) {
    return items.transform("micro-batch", type,
            new MicroBatchOperator<T>(size, config.getLong(WorkbenchOptions.BATCH_MAX_WAIT_MS)))
        .uid(uid);
  }

  /** The documents topic from the job's committed offsets (the beginning on a first run), committed records only. */
  private static EndingKafkaSource<RawRecord> documentsSource(WorkbenchConfig config, Properties kafka,
      boolean bounded) {
    KafkaSourceBuilder<RawRecord> source = KafkaSource.<RawRecord>builder()
        .setProperties(kafka)
        .setTopics(config.get(WorkbenchOptions.TOPIC_DOCUMENTS))
        .setGroupId(config.get(WorkbenchOptions.JOB_NAME))
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new RawRecordDeserializer())
        .setProperty("isolation.level", "read_committed")
        .setProperty("partition.discovery.interval.ms", bounded ? "-1" : "10000");
    if (bounded) {
      source.setBounded(OffsetsInitializer.latest());
    }
    return new EndingKafkaSource<>(source.build());
  }

  /** A transactional sink: records become visible when the checkpoint that covers them completes. */
  private static <T> KafkaSink<T> exactlyOnce(Properties kafka, String transactionalIdPrefix,
      KafkaRecordSerializationSchema<T> serializer) {
    return KafkaSink.<T>builder()
        .setKafkaProducerConfig(kafka)
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setProperty("transaction.timeout.ms", "600000")
        .setProperty("max.request.size", Integer.toString(Topics.MAX_MESSAGE_BYTES))
        .build();
  }
}
