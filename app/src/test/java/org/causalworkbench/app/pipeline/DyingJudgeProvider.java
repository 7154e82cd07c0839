package org.causalworkbench.app.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.inference.judge.CausalJudge;
import org.causalworkbench.inference.judge.JudgeProvider;

/**
 * {@code judge.type=dying-cue}: the cue judge, slowed a little, that while {@link #DYING} is set
 * fails every batch after {@link #LIVE_BATCHES} once a checkpoint is complete under {@link
 * #CHECKPOINTS}, restarts included, so the job fails for good with its checkpoints on disk, as a
 * process killed mid-run leaves them.
 */
public final class DyingJudgeProvider implements JudgeProvider {

  static final int LIVE_BATCHES = 40;
  static final AtomicBoolean DYING = new AtomicBoolean();
  static final AtomicInteger BATCHES = new AtomicInteger();
  static volatile Path CHECKPOINTS;

  /** Whether a completed checkpoint (its metadata written) lies under {@link #CHECKPOINTS}. */
  static boolean checkpointed() {
    try (Stream<Path> files = Files.walk(CHECKPOINTS)) {
      return files.anyMatch(p -> p.getFileName().toString().equals("_metadata"));
    } catch (IOException | UncheckedIOException e) {
      return false; // the folder is being written: not yet
    }
  }

  @Override
  public String type() {
    return "dying-cue";
  }

  @Override
  public CausalJudge create(WorkbenchConfig config) {
    return FlakyJudgeProvider.slowCue(() -> DYING.get() && BATCHES.incrementAndGet() > LIVE_BATCHES && checkpointed(),
        "injected judge death, to test a resume from the checkpoints on disk");
  }
}
