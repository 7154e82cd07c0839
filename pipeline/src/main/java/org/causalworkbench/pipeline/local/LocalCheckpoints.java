package org.causalworkbench.pipeline.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints a local run keeps on disk ({@code job.checkpoint-dir}, by default under the data
 * directory; any Flink file system URI), so a streaming run killed with the whole process resumes
 * from its latest completed checkpoint instead of starting over: Kafka offsets, buffered batches
 * and the transactions of the exactly-once sinks come back as they were.
 *
 * <p>A bounded run (demo, job --bounded) restores the latest checkpoint a killed bounded run
 * left the same way, and still ends ({@link org.causalworkbench.pipeline.source.EndingKafkaSource}
 * works around FLINK-31006); it takes its own checkpoints away when it finishes.
 */
final class LocalCheckpoints {

  private static final Logger LOG = LoggerFactory.getLogger(LocalCheckpoints.class);
  private static final String METADATA = "_metadata";
  private static final String SOURCE_END = "source-end";

  private final Path root;

  private LocalCheckpoints(Path root) {
    this.root = root;
  }

  static LocalCheckpoints of(WorkbenchConfig config, boolean bounded) {
    String configured = config.get(WorkbenchOptions.JOB_CHECKPOINT_DIR).trim();
    URI base = configured.isEmpty()
        ? config.getPath(WorkbenchOptions.DATA_DIR).resolve("checkpoints").toAbsolutePath().toUri()
        : URI.create(configured.contains(":") ? configured : java.nio.file.Path.of(configured).toAbsolutePath().toUri()
            .toString());
    return new LocalCheckpoints(new Path(new Path(base), bounded ? "bounded" : "streaming"));
  }

  /**
   * File checkpoints, kept when the job fails or is cancelled, and a resume from the latest
   * completed one; returns the checkpoint resumed from.
   */
  Optional<String> configure(Configuration flink, boolean bounded) {
    flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, root.toUri().toString());
    flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    flink.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
    Optional<Path> latest = latest();
    removeRunsOtherThan(latest.map(Path::getParent).orElse(null));
    latest.ifPresent(checkpoint -> {
      LOG.info("resuming from checkpoint {} (left by a run that did not finish)", checkpoint);
      flink.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
      // The job's shape may have changed since (another extractor): state of operators gone is dropped.
      flink.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
      // This run owns it from now on and removes it once a newer one completes.
      flink.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
    });
    return latest.map(p -> p.toUri().toString());
  }

  /** The newest completed checkpoint ({@code JOB/chk-N} with its metadata written) of any earlier run. */
  Optional<Path> latest() {
    try {
      FileSystem fs = root.getFileSystem();
      if (!fs.exists(root)) {
        return Optional.empty();
      }
      Path best = null;
      long bestTime = Long.MIN_VALUE;
      for (FileStatus job : list(fs, root)) {
        if (!job.isDir()) {
          continue;
        }
        for (FileStatus chk : list(fs, job.getPath())) {
          if (!chk.isDir() || !chk.getPath().getName().startsWith("chk-")) {
            continue;
          }
          Path metadata = new Path(chk.getPath(), METADATA);
          if (fs.exists(metadata)) {
            long time = fs.getFileStatus(metadata).getModificationTime();
            if (time > bestTime) {
              bestTime = time;
              best = chk.getPath();
            }
          }
        }
      }
      return Optional.ofNullable(best);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoints under " + root + ": " + e.getMessage()
          + " (set job.checkpoint-dir to a folder this process can write)", e);
    }
  }

  /** Removes the folders of earlier runs but {@code keep}'s: only the latest checkpoint is ever resumed from. */
  private void removeRunsOtherThan(Path keep) {
    try {
      FileSystem fs = root.getFileSystem();
      if (!fs.exists(root)) {
        return;
      }
      for (FileStatus run : list(fs, root)) {
        if (run.isDir() && (keep == null || !run.getPath().getName().equals(keep.getName()))) {
          fs.delete(run.getPath(), true);
        }
      }
    } catch (IOException e) {
      LOG.warn("could not remove the checkpoints of earlier runs under {}: {}", root, e.toString());
    }
  }

  /**
   * Where the source of the run these checkpoints belong to stops (a bounded run's end offsets,
   * summed over partitions), kept beside them for a run that resumes it: its restored source
   * stops there too.
   */
  OptionalLong sourceEnd() {
    Path file = new Path(root, SOURCE_END);
    try {
      FileSystem fs = root.getFileSystem();
      if (!fs.exists(file)) {
        return OptionalLong.empty();
      }
      try (InputStream in = fs.open(file)) {
        return OptionalLong.of(Long.parseLong(new String(in.readAllBytes(),
            StandardCharsets.UTF_8).trim()));
      }
    } catch (IOException | NumberFormatException e) {
      LOG.warn("cannot read where the resumed run's source stops ({}): {}", file, e.toString());
      return OptionalLong.empty();
    }
  }

  void sourceEnd(long endOffsets) {
    Path file = new Path(root, SOURCE_END);
    try (OutputStream out = root.getFileSystem().create(file, FileSystem.WriteMode.OVERWRITE)) {
      out.write(Long.toString(endOffsets).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.warn("cannot note where this run's source stops ({}): {}; a run resuming it shows a larger total",
          file, e.toString());
    }
  }

  /** After a bounded run finished: nothing is left to resume. */
  void clear() {
    try {
      FileSystem fs = root.getFileSystem();
      if (fs.exists(root)) {
        fs.delete(root, true);
      }
    } catch (IOException e) {
      LOG.warn("could not remove the finished run's checkpoints under {}: {}; the next bounded run may resume from"
          + " them and stop at their end offsets", root, e.toString());
    }
  }

  private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
    FileStatus[] found = fs.listStatus(dir);
    return found == null ? new FileStatus[0] : found;
  }
}
