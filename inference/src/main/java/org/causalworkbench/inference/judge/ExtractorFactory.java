package org.causalworkbench.inference.judge;

import java.util.ArrayList;
import java.util.List;
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

  private static String type(WorkbenchConfig config) {
    return config.get(WorkbenchOptions.EXTRACTOR).trim().toLowerCase(Locale.ROOT);
  }

  /** The extractors {@code extraction.extractor} names: one, or the members of a union. */
  public static List<String> members(WorkbenchConfig config) {
    return List.of(type(config).split("\\+")).stream().map(String::strip).toList();
  }

  /** Whether {@code extraction.mode} is the pair path rather than spans. */
  public static boolean pairsMode(WorkbenchConfig config) {
    return config.get(WorkbenchOptions.EXTRACTION_MODE).trim().equalsIgnoreCase("pairs");
  }

  /** The pair judge {@code extraction.verify} names, or null for none. */
  public static String verifyJudge(WorkbenchConfig config) {
    String judge = config.get(WorkbenchOptions.VERIFY).trim().toLowerCase(Locale.ROOT);
    return judge.equals("none") ? null : judge;
  }

  /** Whether the configured extractor waits on a remote model, so the job should call it asynchronously. */
  public static boolean runsAsync(WorkbenchConfig config) {
    return members(config).stream().anyMatch(t -> t.equals("llm") || t.equals("cascade"));
  }

  /** The configured extractor: one, or several joined by "+" read as a {@link UnionExtractor}. */
  public static CausalExtractor create(WorkbenchConfig config) {
    String type = type(config);
    if (!type.contains("+")) {
      return create(type, config);
    }
    List<CausalExtractor> members = new ArrayList<>();
    try {
      for (String member : members(config)) {
        members.add(create(member, config));
      }
    } catch (RuntimeException | Error e) {
      members.forEach(CausalExtractor::close);
      throw e;
    }
    return new UnionExtractor(members);
  }

  private static CausalExtractor create(String type, WorkbenchConfig config) {
    return switch (type) {
      case "tagger" -> TaggerExtractor.open(TaggerSettings.from(config));
      case "llm" -> new LlmExtractor(LlmSettings.from(config));
      case "cue" -> new CueExtractor();
      case "cascade" -> CascadeExtractor.fromConfig(config);
      default -> throw new IllegalArgumentException("unknown extraction.extractor '" + type
          + "': available are tagger, llm, cue and cascade, or several joined by + (tagger+cue)");
    };
  }
}
