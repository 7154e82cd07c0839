package org.causalworkbench.inference.judge;

import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.inference.cue.CueJudge;

/** Builds the judge that {@code judge.type} names. */
public final class JudgeFactory {

  private JudgeFactory() {}

  public static CausalJudge create(WorkbenchConfig config) {
    String type = config.get(WorkbenchOptions.JUDGE).trim();
    return switch (type) {
      case "cue" -> new CueJudge();
      default -> throw new IllegalArgumentException(
          "unknown judge.type '" + type + "': this build has 'cue'");
    };
  }
}
