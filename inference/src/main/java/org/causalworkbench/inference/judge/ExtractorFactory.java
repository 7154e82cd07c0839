package org.causalworkbench.inference.judge;

import java.util.Locale;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.inference.cascade.CascadeExtractor;
import org.causalworkbench.inference.cue.CueExtractor;
import org.causalworkbench.inference.llm.LlmExtractor;
import org.causalworkbench.inference.llm.LlmSettings;
import org.causalworkbench.inference.tagger.TaggerExtractor;
import org.causalworkbench.inference.tagger.TaggerSettings;

/** Builds the extractor that {@code extraction.extractor} names. */
public final class ExtractorFactory {

  private ExtractorFactory() {}

  public static String type(WorkbenchConfig config) {
    return config.get(WorkbenchOptions.EXTRACTOR).trim().toLowerCase(Locale.ROOT);
  }

  /** Whether the configured extractor waits on a remote model, so the job should call it asynchronously. */
  public static boolean runsAsync(WorkbenchConfig config) {
    String type = type(config);
    return type.equals("llm") || type.equals("cascade");
  }

  public static CausalExtractor create(WorkbenchConfig config) {
    return switch (type(config)) {
      case "tagger" -> TaggerExtractor.open(TaggerSettings.from(config));
      case "llm" -> new LlmExtractor(LlmSettings.from(config));
      case "cue" -> new CueExtractor();
      case "cascade" -> CascadeExtractor.fromConfig(config);
      default -> throw new IllegalArgumentException("unknown extraction.extractor '" + type(config)
          + "': available are tagger, llm, cue and cascade");
    };
  }
}
