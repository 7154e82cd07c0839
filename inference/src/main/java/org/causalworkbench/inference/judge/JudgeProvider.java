package org.causalworkbench.inference.judge;

import org.causalworkbench.core.config.WorkbenchConfig;

/**
 * Plugs a judge in by name: a jar that lists an implementation in
 * {@code META-INF/services/org.causalworkbench.inference.judge.JudgeProvider} makes its judge
 * available as {@code judge.type=<type()>}.
 */
public interface JudgeProvider {

  String type();

  CausalJudge create(WorkbenchConfig config);
}
