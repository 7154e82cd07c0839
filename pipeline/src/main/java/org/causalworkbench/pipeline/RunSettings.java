package org.causalworkbench.pipeline;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.causalworkbench.core.config.ConfigOption;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;

/**
 * The configuration a run records: every key that shapes its verdicts (what is read, how it is
 * split and gated, which extractors and judges with which models and prompts), resolved to its
 * value. Where things live (data directory, broker, database, checkpoints) and how the graph is
 * scored afterwards are left out, so two runs that would produce the same verdicts hash alike.
 */
public final class RunSettings {

  private static final List<String> SHAPING = List.of("ingest.", "extraction.", "judge.", "tagger.", "encoder.", "llm.",
      "cascade.");

  private RunSettings() {}

  public static Map<String, String> of(WorkbenchConfig config) {
    Map<String, String> out = new TreeMap<>();
    for (ConfigOption option : WorkbenchOptions.all()) {
      if (!option.isPrefix() && SHAPING.stream().anyMatch(option.key()::startsWith)) {
        out.put(option.key(), config.get(option));
      }
    }
    return out;
  }
}
