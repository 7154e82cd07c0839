package org.causalworkbench.app.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.causalworkbench.pipeline.local.LocalJob;
import org.causalworkbench.app.pipeline.PipelineRunner;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.pipeline.functions.AnnotateFunction;
import org.causalworkbench.pipeline.functions.GateFunction;

/**
 * How many model requests a corpus costs on each path, counted by a simulated OpenAI-compatible
 * server: the llm judging every candidate pair (the pairs mode), the llm extractor once per unit the
 * gate passes, and the cascade that asks it only for the units the tagger is unsure of. Each path
 * runs the whole job on fresh embedded services with the response cache off. Prints figures;
 * decides nothing.
 */
public final class LlmCallsBenchmark {

  private final WorkbenchConfig config;

  public LlmCallsBenchmark(WorkbenchConfig config) {
    this.config = config;
  }

  public void run(Path corpus, Path workDir) throws Exception {
    List<String> paths = List.of("llm-pairs", "spans:llm", "spans:cascade");
    List<long[]> results = new ArrayList<>();
    for (String path : paths) {
      try (SimulatedLlmServer server = new SimulatedLlmServer(0, 64)) {
        String folder = path.replace(':', '-');
        WorkbenchConfig pathConfig = PipelineBenchmark.path(config, path)
            .with(WorkbenchOptions.LLM_ENDPOINT, server.endpoint())
            .with(WorkbenchOptions.LLM_CACHE, "false")
            .with(WorkbenchOptions.LLM_RETRIES, "0")
            .with(WorkbenchOptions.DATA_DIR, workDir.resolve("data-" + folder).toString())
            .with(WorkbenchOptions.JOB_NAME, "bench-calls-" + folder + "-" + System.currentTimeMillis());
        try (WorkbenchServices services = WorkbenchServices.start(pathConfig, true, true)) {
          PipelineRunner runner = new PipelineRunner(services);
          runner.ingest(List.of(corpus));
          LocalJob.Result job = runner.runBounded();
          long sentences = job.counter(AnnotateFunction.SENTENCES);
          results.add(new long[] {sentences, server.requests()});
          System.out.printf(Locale.ROOT, "%s: %d sentences, %d llm requests%s%n", path, sentences, server.requests(),
              path.startsWith("spans") ? String.format(Locale.ROOT, " (the gate passed %d of %d units)",
                  job.counter(GateFunction.PASSED), job.counter(GateFunction.UNITS)) : "");
        }
      }
    }
    System.out.println("llm requests per 1,000 sentences, and how many times fewer than judging every pair:");
    double pairs = 1000.0 * results.get(0)[1] / Math.max(1, results.get(0)[0]);
    for (int i = 0; i < paths.size(); i++) {
      double per = 1000.0 * results.get(i)[1] / Math.max(1, results.get(i)[0]);
      System.out.printf(Locale.ROOT, "  %-14s %9.1f per 1,000 sentences  %6.1f x fewer%n", paths.get(i), per,
          pairs / Math.max(per, 1e-9));
    }
  }
}
