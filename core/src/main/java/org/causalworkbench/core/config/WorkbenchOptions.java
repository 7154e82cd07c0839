package org.causalworkbench.core.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Every configuration key of the workbench, in one place. The defaults run everything embedded on
 * one machine; {@code ./workbench config} prints this list.
 */
public final class WorkbenchOptions {

  // --- where things live
  public static final ConfigOption DATA_DIR =
      new ConfigOption("data.dir", "./data", "Directory of the embedded broker, database and caches.");

  // --- Kafka
  public static final ConfigOption KAFKA_BOOTSTRAP =
      new ConfigOption("kafka.bootstrap", "",
          "Bootstrap servers of an external Kafka cluster; empty starts the embedded broker in data.dir.");
  public static final ConfigOption TOPIC_DOCUMENTS =
      new ConfigOption("kafka.topic.documents", "documents", "Topic of ingested documents.");
  public static final ConfigOption TOPIC_VERDICTS =
      new ConfigOption("kafka.topic.verdicts", "verdicts", "Topic of judge verdicts (written exactly once).");
  public static final ConfigOption TOPIC_DEAD_LETTER =
      new ConfigOption("kafka.topic.dead-letter", "dead-letter", "Topic of inputs that could not be processed.");
  public static final ConfigOption TOPIC_REVIEWS =
      new ConfigOption("kafka.topic.reviews", "reviews", "Topic of analyst reviews.");
  public static final ConfigOption TOPIC_PARTITIONS =
      new ConfigOption("kafka.topic.partitions", "2", "Partitions of topics the workbench creates.");
  public static final ConfigOption TOPIC_REPLICATION =
      new ConfigOption("kafka.topic.replication", "1", "Replication factor of topics the workbench creates.");

  // --- PostgreSQL
  public static final ConfigOption JDBC_URL =
      new ConfigOption("jdbc.url", "",
          "JDBC URL of an external PostgreSQL; empty starts the embedded PostgreSQL in data.dir.");
  public static final ConfigOption JDBC_USER =
      new ConfigOption("jdbc.user", "workbench", "Database user.");
  public static final ConfigOption JDBC_PASSWORD =
      new ConfigOption("jdbc.password", "", "Database password (prefer the WORKBENCH_JDBC_PASSWORD variable).");

  // --- ingest
  public static final ConfigOption INGEST_MAX_DOCUMENT_BYTES =
      new ConfigOption("ingest.max-document-bytes", "2000000",
          "Documents larger than this (UTF-8 bytes) are dead-lettered as too_large.");
  public static final ConfigOption INGEST_CSV_TEXT_COLUMN =
      new ConfigOption("ingest.csv.text-column", "text", "Column of a CSV file that holds the text.");

  // --- extraction
  public static final ConfigOption ANNOTATORS =
      new ConfigOption("extraction.annotators", "tokenize,ssplit,pos,lemma,depparse",
          "CoreNLP annotators. The cue judge needs lemmas and dependency parses; NER is not used.");
  public static final ConfigOption MAX_SENTENCE_TOKENS =
      new ConfigOption("extraction.max-sentence-tokens", "120",
          "Longer sentences are split into units but not parsed (parsing cost grows with length).");
  public static final ConfigOption MAX_PAIRS_PER_UNIT =
      new ConfigOption("extraction.max-pairs-per-unit", "40",
          "At most this many candidate pairs per unit, nearest mentions first.");
  public static final ConfigOption BATCH_MAX_PAIRS =
      new ConfigOption("extraction.batch.max-pairs", "64", "A batch to the judge holds at most this many pairs.");
  public static final ConfigOption BATCH_MAX_WAIT_MS =
      new ConfigOption("extraction.batch.max-wait-ms", "200",
          "A partial batch is sent after this many milliseconds.");

  // --- judge
  public static final ConfigOption JUDGE =
      new ConfigOption("judge.type", "cue", "Which judge decides candidate pairs: cue.");

  // --- Flink job
  public static final ConfigOption JOB_NAME =
      new ConfigOption("job.name", "causal-workbench", "Name of the Flink job; also the transactional id prefix.");
  public static final ConfigOption JOB_PARALLELISM =
      new ConfigOption("job.parallelism", "2", "Parallelism of the Flink job.");
  public static final ConfigOption JOB_CHECKPOINT_INTERVAL_MS =
      new ConfigOption("job.checkpoint-interval-ms", "2000",
          "Checkpoint interval; verdicts become visible to read_committed readers at each checkpoint.");
  public static final ConfigOption JOB_TASK_SLOTS =
      new ConfigOption("job.local.task-slots", "4", "Task slots of the embedded Flink MiniCluster.");

  // --- graph
  public static final ConfigOption LOW_BELIEF =
      new ConfigOption("graph.low-belief", "0.5",
          "Edges below this belief are flagged low_belief and do not count as produced edges.");
  public static final ConfigOption CUE_SYSTEMATIC_ERROR =
      new ConfigOption("graph.judge.cue.systematic-error", "0.05",
          "Prior systematic error of the cue judge in the belief model.");
  public static final ConfigOption CUE_RANDOM_ERROR =
      new ConfigOption("graph.judge.cue.random-error", "0.2",
          "Prior random error of the cue judge in the belief model.");

  // --- server
  public static final ConfigOption SERVER_BIND =
      new ConfigOption("server.bind", "127.0.0.1", "Address the HTTP server binds; 0.0.0.0 exposes it.");
  public static final ConfigOption SERVER_PORT =
      new ConfigOption("server.port", "8080", "Port of the HTTP server.");

  private WorkbenchOptions() {}

  /** All options declared above, in declaration order. */
  public static List<ConfigOption> all() {
    List<ConfigOption> options = new ArrayList<>();
    for (Field field : WorkbenchOptions.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
        try {
          options.add((ConfigOption) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return options;
  }
}
