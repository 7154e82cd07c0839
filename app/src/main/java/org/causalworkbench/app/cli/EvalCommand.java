package org.causalworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.causalworkbench.app.eval.DetectionEvaluation;
import org.causalworkbench.app.eval.EvalReport;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.extraction.annotate.CoreNlpAnnotator;
import org.causalworkbench.app.eval.ReliabilityDiagram;
import org.causalworkbench.extraction.detect.CueDetector;
import org.causalworkbench.extraction.detect.SpanPairDetector;
import org.causalworkbench.inference.cascade.CascadeJudge;
import org.causalworkbench.inference.cue.CueJudge;
import org.causalworkbench.inference.encoder.EncoderJudge;
import org.causalworkbench.inference.judge.CausalDetector;
import org.causalworkbench.inference.judge.CausalJudge;
import org.causalworkbench.inference.llm.LlmJudge;
import org.causalworkbench.inference.llm.LlmSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Score a judge's text-level detection on a labelled CSV. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Judges every row of a labelled CSV (is a causal relation stated in the text? or, for texts tagged"
        + " with <ARG0>/<ARG1> such as UniCausal's text_w_pairs, does ARG0 cause ARG1?) and writes a JSON report:"
        + " accuracy, precision, recall, F1 (causal is positive, over answered items), expected calibration error"
        + " (ece) with a reliability diagram PNG, failures by reason, per-group scores, items sent to the llm by a"
        + " cascade, throughput and tokens.",
        "Example: ./workbench eval --judge cue --data ../shared/data/causal/cnc-v2/dev_subtask1.csv --text-col text"
            + " --label-col label --out target/eval-cue.json"})
public final class EvalCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Option(names = "--judge", required = true, paramLabel = "NAME",
      description = "cue, encoder, llm or cascade (encoder, then llm for the band cascade.low..cascade.high).")
  String judge;

  @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Labelled data (CSV with a header).")
  Path data;

  @Option(names = "--text-col", defaultValue = "text", paramLabel = "COL", description = "Text column (default: text).")
  String textColumn;

  @Option(names = "--label-col", defaultValue = "label", paramLabel = "COL",
      description = "Label column: 1/0, causal/noncausal or true/false (default: label).")
  String labelColumn;

  @Option(names = "--group-col", paramLabel = "COL", description = "Report scores per value of this column too.")
  String groupColumn;

  @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Only the first N rows (0: all).")
  int limit;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the JSON report.")
  Path out;

  @Option(names = "--reliability", paramLabel = "FILE.png",
      description = "Where to draw the reliability diagram (default: beside --out, ending -reliability.png).")
  Path reliability;

  @Option(names = "--endpoint", paramLabel = "URL", description = "llm: the server's base URL (llm.endpoint).")
  String endpoint;

  @Option(names = "--model", paramLabel = "NAME", description = "llm: the model name (llm.model).")
  String model;

  @Override
  public Integer call() throws Exception {
    WorkbenchConfig config = services.config();
    if (endpoint != null) {
      config = config.with(WorkbenchOptions.LLM_ENDPOINT, endpoint);
    }
    if (model != null) {
      config = config.with(WorkbenchOptions.LLM_MODEL, model);
    }
    List<DetectionEvaluation.Item> items = DetectionEvaluation.read(data, textColumn, labelColumn, groupColumn, limit);
    int window = 1;
    CausalDetector detector;
    CausalJudge pairJudge;
    switch (judge) {
      case "cue" -> {
        detector = new CueDetector(CoreNlpAnnotator.fromConfig(config));
        pairJudge = new CueJudge();
      }
      case "encoder" -> {
        EncoderJudge encoder = new EncoderJudge(config);
        detector = encoder;
        pairJudge = encoder;
      }
      case "llm" -> {
        LlmSettings settings = LlmSettings.from(config);
        LlmJudge llm = new LlmJudge(settings);
        detector = llm;
        pairJudge = llm;
        window = settings.concurrency() * 2;
      }
      case "cascade" -> {
        CascadeJudge cascade = CascadeJudge.fromConfig(config);
        detector = cascade;
        pairJudge = cascade;
        window = LlmSettings.from(config).concurrency() * 2;
      }
      default -> throw new IllegalArgumentException("unknown judge '" + judge + "': cue, encoder, llm or cascade");
    }
    boolean hasPairs = items.stream().anyMatch(i -> i.pair() != null);
    SpanPairDetector pairs = hasPairs ? new SpanPairDetector(CoreNlpAnnotator.fromConfig(config), pairJudge) : null;
    System.err.printf("judging %d items from %s with %s%n", items.size(), data, judge);
    EvalReport report;
    try (detector) {
      report = new DetectionEvaluation(detector, pairs, window, System.err).run(data.toString(), items);
    } finally {
      if (pairJudge != detector) {
        pairJudge.close();
      }
    }
    DetectionEvaluation.print(report, System.out);
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(out, new Json().writePretty(report));
    Path png = reliability != null ? reliability
        : out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "") + "-reliability.png");
    ReliabilityDiagram.write(report, png);
    System.out.println("report written to " + out + ", reliability diagram to " + png);
    return 0;
  }
}
