package org.causalworkbench.graph.score;

import java.util.Map;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;

/** Builds the edge scorer from configuration: judge priors, the low-belief threshold and the flags that send an edge to review. */
public final class EdgeScorers {

  /** Prior of a judge that has no configured prior: cautious. */
  static final JudgePrior UNKNOWN_JUDGE = new JudgePrior(0.1, 0.4);

  private EdgeScorers() {}

  public static EdgeScorer fromConfig(WorkbenchConfig config) {
    JudgePrior cue = new JudgePrior(config.getDouble(WorkbenchOptions.CUE_SYSTEMATIC_ERROR),
        config.getDouble(WorkbenchOptions.CUE_RANDOM_ERROR));
    JudgePrior llm = new JudgePrior(config.getDouble(WorkbenchOptions.LLM_SYSTEMATIC_ERROR),
        config.getDouble(WorkbenchOptions.LLM_RANDOM_ERROR));
    JudgePrior encoder = new JudgePrior(config.getDouble(WorkbenchOptions.ENCODER_SYSTEMATIC_ERROR),
        config.getDouble(WorkbenchOptions.ENCODER_RANDOM_ERROR));
    JudgePrior tagger = new JudgePrior(config.getDouble(WorkbenchOptions.TAGGER_SYSTEMATIC_ERROR),
        config.getDouble(WorkbenchOptions.TAGGER_RANDOM_ERROR));
    return new EdgeScorer(new JudgeRates(Map.of("cue", cue, "llm", llm, "encoder", encoder, "tagger", tagger),
        UNKNOWN_JUDGE,
        config.getDouble(WorkbenchOptions.REVIEW_PRIOR_STRENGTH), Map.of()),
        config.getDouble(WorkbenchOptions.LOW_BELIEF), EdgeFlag.parseList(config.get(WorkbenchOptions.REVIEW_FLAGS)),
        config.getDouble(WorkbenchOptions.RECALIBRATION_TOLERANCE));
  }
}
