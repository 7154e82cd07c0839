package org.causalworkbench.inference.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.inference.cascade.CascadeJudge;
import org.causalworkbench.inference.cue.CueJudge;
import org.causalworkbench.inference.encoder.EncoderJudge;
import org.causalworkbench.inference.llm.LlmJudge;
import org.causalworkbench.inference.llm.LlmSettings;

/** Builds the judge that {@code judge.type} names: a built-in one or a {@link JudgeProvider}. */
public final class JudgeFactory {

  private JudgeFactory() {}

  /** Whether the configured judge waits on a remote model, so the job should call it asynchronously. */
  public static boolean runsAsync(WorkbenchConfig config) {
    String type = config.get(WorkbenchOptions.JUDGE).trim();
    return type.equals("llm") || type.equals("cascade");
  }

  public static CausalJudge create(WorkbenchConfig config) {
    String type = config.get(WorkbenchOptions.JUDGE).trim();
    if (type.equals("cue")) {
      return new CueJudge();
    }
    if (type.equals("llm")) {
      return new LlmJudge(LlmSettings.from(config));
    }
    if (type.equals("encoder")) {
      return new EncoderJudge(config);
    }
    if (type.equals("cascade")) {
      return CascadeJudge.fromConfig(config);
    }
    List<String> known = new ArrayList<>(List.of("cue", "encoder", "llm", "cascade"));
    for (JudgeProvider provider : ServiceLoader.load(JudgeProvider.class, JudgeFactory.class.getClassLoader())) {
      if (provider.type().equals(type)) {
        return provider.create(config);
      }
      known.add(provider.type());
    }
    throw new IllegalArgumentException("unknown judge.type '" + type + "': available are " + known);
  }
}
