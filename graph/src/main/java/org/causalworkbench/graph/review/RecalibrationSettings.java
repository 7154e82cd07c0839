package org.causalworkbench.graph.review;

import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;

/**
 * How a recalibration writes: edges per transaction, and connections writing side by side.
 *
 * @param chunk edges per transaction: a review of one of them waits at most that long (about 0.2 s
 *     for 2,000 edges on two cores); smaller chunks cost more per edge
 * @param workers connections that write chunks side by side ({@code graph.review.recalibration-workers})
 */
public record RecalibrationSettings(int chunk, int workers) {

  public static final int DEFAULT_CHUNK = 2_000;

  public RecalibrationSettings {
    if (chunk < 1 || workers < 1) {
      throw new IllegalArgumentException("a recalibration needs chunks of at least one edge and at least one"
          + " worker; got chunk " + chunk + ", workers " + workers);
    }
  }

  /** The settings of a configuration that sets nothing. */
  public static RecalibrationSettings defaults() {
    return from(WorkbenchConfig.defaults());
  }

  public static RecalibrationSettings from(WorkbenchConfig config) {
    return new RecalibrationSettings(DEFAULT_CHUNK, config.getInt(WorkbenchOptions.RECALIBRATION_WORKERS));
  }
}
