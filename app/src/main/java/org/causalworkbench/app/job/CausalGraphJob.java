package org.causalworkbench.app.job;

import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.ProcessedDocument;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.extraction.job.ExtractionJob;
import org.causalworkbench.ingest.kafka.KafkaConnection;

/**
 * The whole job: {@link ExtractionJob} from documents to verdicts, plus the graph-store sinks.
 * Verdicts are keyed by their unordered variable pair before the store, so one writer owns each
 * pair and its edge scores.
 */
public final class CausalGraphJob {

  /** What a run reports: its id (every verdict carries it), how long it has run, its counters. */
  public record Result(String runId, double seconds, Map<String, Object> accumulators) {
    public long counter(String name) {
      Object value = accumulators.get(name);
      return value instanceof Number n ? n.longValue() : 0;
    }
  }

  private CausalGraphJob() {}

  /**
   * Adds the job to {@code env}. {@code config} must carry the resolved broker and database; every
   * verdict is stamped with {@code runId}.
   */
  public static void define(StreamExecutionEnvironment env, WorkbenchConfig config, String runId, boolean bounded) {
    env.enableCheckpointing(config.getLong(WorkbenchOptions.JOB_CHECKPOINT_INTERVAL_MS));
    env.getConfig().enableObjectReuse();
    ExtractionJob.Streams streams =
        ExtractionJob.build(env, config, KafkaConnection.from(config).properties(), runId, bounded);
    streams.processedDocuments()
        .sinkTo(new GraphStoreSink<ProcessedDocument>(config, (writer, batch) -> writer.writeDocuments(batch), 32, false))
        .name("graph store: documents").uid("store-documents");
    streams.verdicts()
        .keyBy(CausalGraphJob::variablePair)
        .sinkTo(new GraphStoreSink<Verdict>(config, (writer, batch) -> writer.writeVerdicts(batch), 512, true))
        .name("graph store: evidence").uid("store-evidence");
  }

  /** The unordered pair of variable names, so both directions of an edge meet in one writer. */
  static String variablePair(Verdict v) {
    String a = v.causeVariable();
    String b = v.effectVariable();
    return a.compareTo(b) <= 0 ? a + "\u0000" + b : b + "\u0000" + a;
  }

  /** DJL's PyTorch thread count, read once when the engine starts. */
  static final String TORCH_THREADS = "ai.djl.pytorch.num_threads";

  /** A job started in an in-process MiniCluster. */
  public static final class Running {
    private final JobClient client;
    private final LocalCheckpoints checkpoints;
    private final boolean bounded;
    private final String resumedFrom;
    private final String runId;
    private final long start = System.nanoTime();

    private Running(JobClient client, LocalCheckpoints checkpoints, boolean bounded, String resumedFrom, String runId) {
      this.runId = runId;
      this.client = client;
      this.checkpoints = checkpoints;
      this.bounded = bounded;
      this.resumedFrom = resumedFrom;
    }

    /** The checkpoint this run resumed from, or null when it started afresh. */
    public String resumedFrom() {
      return resumedFrom;
    }

    /** Waits for the job to end (a streaming job: until it is cancelled or fails). */
    public Result await() throws Exception {
      JobExecutionResult result = client.getJobExecutionResult().get();
      if (bounded) {
        checkpoints.clear();
      }
      return new Result(runId, (System.nanoTime() - start) / 1e9, result.getAllAccumulatorResults());
    }

    /** The counters so far, while it runs. */
    public Result progress() throws Exception {
      return new Result(runId, (System.nanoTime() - start) / 1e9, client.getAccumulators().get());
    }

    /** Cancels it; its checkpoints stay for the next run to resume from. */
    public void cancel() throws Exception {
      client.cancel().get();
    }
  }

  /** Runs the job in an in-process Flink MiniCluster and waits for it (a streaming job runs until Ctrl-C). */
  public static Result runLocal(WorkbenchConfig config, String runId, boolean bounded) throws Exception {
    return startLocal(config, runId, bounded).await();
  }

  /** Starts the job in an in-process Flink MiniCluster; a streaming one resumes from the checkpoints a killed run left. */
  public static Running startLocal(WorkbenchConfig config, String runId, boolean bounded) throws Exception {
    if (System.getProperty(TORCH_THREADS) == null) {
      // The tasks run their models side by side in this process: one PyTorch pool as wide as the machine per task
      // oversubscribes it (measured: 10% fewer sentences/s with 2 tasks on 2 cores).
      int perTask = Math.max(1, Runtime.getRuntime().availableProcessors()
          / Math.max(1, config.getInt(WorkbenchOptions.JOB_PARALLELISM)));
      System.setProperty(TORCH_THREADS, Integer.toString(perTask));
    }
    Configuration flink = new Configuration();
    flink.set(TaskManagerOptions.NUM_TASK_SLOTS, config.getInt(WorkbenchOptions.JOB_TASK_SLOTS));
    flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    // Counters reach the client with the task heartbeats: every second, so progress() is current.
    flink.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, java.time.Duration.ofSeconds(1));
    LocalCheckpoints checkpoints = LocalCheckpoints.of(config, bounded);
    String resumedFrom = checkpoints.configure(flink, bounded).orElse(null);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(config.getInt(WorkbenchOptions.JOB_PARALLELISM), flink);
    define(env, config, runId, bounded);
    return new Running(env.executeAsync(config.get(WorkbenchOptions.JOB_NAME)), checkpoints, bounded, resumedFrom, runId);
  }
}
