package org.causalworkbench.pipeline.local;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.inference.encoder.EncoderModel;
import org.causalworkbench.pipeline.CausalGraphJob;

/**
 * The job in an in-process Flink MiniCluster, as {@code demo} and {@code job} run it: file
 * checkpoints under the data directory, and a streaming run resumes from those a killed run left.
 */
public final class LocalJob {

  private LocalJob() {}

  /** What a run reports: its id (every verdict carries it), how long it has run, its counters. */
  public record Result(String runId, double seconds, Map<String, Object> accumulators) {
    public long counter(String name) {
      Object value = accumulators.get(name);
      return value instanceof Number n ? n.longValue() : 0;
    }
  }

  /** A job started in an in-process MiniCluster. */
  public static final class Running {
    private final JobClient client;
    private final LocalCheckpoints checkpoints;
    private final boolean bounded;
    private final String resumedFrom;
    private final String runId;
    private final long start = System.nanoTime();

    private Running(JobClient client, LocalCheckpoints checkpoints, boolean bounded, String resumedFrom, String runId) {
      this.client = client;
      this.checkpoints = checkpoints;
      this.bounded = bounded;
      this.resumedFrom = resumedFrom;
      this.runId = runId;
    }

    /** The checkpoint this run resumed from, or null when it started afresh. */
    public String resumedFrom() {
      return resumedFrom;
    }

    /**
     * For a bounded run: how many records it reads, given the documents topic's end offsets and
     * the job's committed ones as it starts (summed over partitions). A run resuming a killed
     * bounded run's checkpoint reads only up to where that run's source stopped, as its restored
     * source does; a fresh run notes its end for a run that may resume it.
     */
    public long boundedBacklog(long endOffsets, long committedOffsets) {
      long stops = resumedFrom == null ? endOffsets : checkpoints.sourceEnd().orElse(endOffsets);
      checkpoints.sourceEnd(stops);
      return Math.max(0, stops - committedOffsets);
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

  /** Starts the job; a streaming one resumes from the checkpoints a killed run left. */
  public static Running start(WorkbenchConfig config, String runId, boolean bounded) throws Exception {
    if (System.getProperty(EncoderModel.TORCH_THREADS) == null) {
      // The tasks run their models side by side in this process: one PyTorch pool as wide as the machine per task
      // oversubscribes it (measured: 10% fewer sentences/s with 2 tasks on 2 cores).
      int perTask = Math.max(1, Runtime.getRuntime().availableProcessors()
          / Math.max(1, config.getInt(WorkbenchOptions.JOB_PARALLELISM)));
      System.setProperty(EncoderModel.TORCH_THREADS, Integer.toString(perTask));
    }
    Configuration flink = new Configuration();
    flink.set(TaskManagerOptions.NUM_TASK_SLOTS, config.getInt(WorkbenchOptions.JOB_TASK_SLOTS));
    flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    // Counters reach the client with the task heartbeats: every second, so progress() is current.
    flink.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
    LocalCheckpoints checkpoints = LocalCheckpoints.of(config, bounded);
    String resumedFrom = checkpoints.configure(flink, bounded).orElse(null);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(config.getInt(WorkbenchOptions.JOB_PARALLELISM), flink);
    CausalGraphJob.define(env, config, runId, bounded);
    return new Running(env.executeAsync(config.get(WorkbenchOptions.JOB_NAME)), checkpoints, bounded, resumedFrom, runId);
  }
}
