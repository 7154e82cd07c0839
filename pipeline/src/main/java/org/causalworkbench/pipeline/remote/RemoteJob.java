package org.causalworkbench.pipeline.remote;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.pipeline.CausalGraphJob;

/**
 * The streaming job handed to a running Flink session cluster through its REST address; the
 * cluster runs it from then on. Its classes must be on the cluster's classpath (the workbench's
 * own cluster runs from the workbench's jars) or in a job jar given to {@code flink run}.
 */
public final class RemoteJob {

  private RemoteJob() {}

  /** A job running on the cluster, as this process sees it through the cluster's REST API. */
  public record Submitted(String id, JobClient client) {

    /** The job's counters now, from its current attempt (a restart starts them again). */
    public Map<String, Object> counters() throws Exception {
      return client.getAccumulators().get();
    }

    /** Completes when the job ends, however it ends. */
    public CompletableFuture<JobStatus> end() {
      return client.getJobExecutionResult().handle((result, failure) -> null)
          .thenCompose(ignored -> client.getJobStatus());
    }
  }

  /**
   * Submits the job and returns at once.
   *
   * @param flink the JobManager's REST address, HOST:PORT
   */
  public static Submitted submit(WorkbenchConfig config, String flink, String runId) throws Exception {
    int colon = flink.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("--flink takes the JobManager's REST address as HOST:PORT, not '" + flink + "'");
    }
    String checkpoints = config.get(WorkbenchOptions.JOB_CHECKPOINT_DIR).trim();
    if (checkpoints.isEmpty()) {
      throw new IllegalArgumentException("a job on a cluster needs job.checkpoint-dir: a file system every"
          + " TaskManager reaches (on one machine a folder, on several hdfs:// or s3://)");
    }
    Configuration flinkConfig = new Configuration();
    flinkConfig.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    flinkConfig.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.contains(":") ? checkpoints
        : java.nio.file.Path.of(checkpoints).toAbsolutePath().toUri().toString());
    flinkConfig.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    // A lost TaskManager or broker is a restart from the last checkpoint, as often as it takes.
    flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
    flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(
        flink.substring(0, colon), Integer.parseInt(flink.substring(colon + 1)), flinkConfig);
    env.setParallelism(config.getInt(WorkbenchOptions.JOB_PARALLELISM));
    CausalGraphJob.define(env, config, runId, false);
    JobClient client = env.executeAsync(config.get(WorkbenchOptions.JOB_NAME));
    return new Submitted(client.getJobID().toHexString(), client);
  }
}
