package org.causalworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.causalworkbench.app.eval.DetectionEvaluation;
import org.causalworkbench.app.eval.ExtractionEvaluation;
import org.causalworkbench.app.eval.ExtractionReport;
import org.causalworkbench.app.eval.GateEvaluation;
import org.causalworkbench.app.eval.GateReport;
import org.causalworkbench.inference.encoder.HeldOutSplit;
import org.causalworkbench.inference.encoder.PairExample;
import org.causalworkbench.inference.encoder.TrainingFiles;
import org.causalworkbench.inference.gate.UnitGate;
import org.causalworkbench.inference.judge.CausalExtractor;
import org.causalworkbench.inference.judge.ExtractorFactory;
import org.causalworkbench.inference.tagger.SpanExample;
import org.causalworkbench.inference.tagger.SpanFiles;
import org.causalworkbench.app.train.SpanData;
import org.causalworkbench.ingest.read.CsvTable;
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
    description = {"--task detect (default): judges every row of a labelled CSV (is a causal relation stated in the text? or, for texts tagged"
        + " with <ARG0>/<ARG1> such as UniCausal's text_w_pairs, does ARG0 cause ARG1?) and writes a JSON report:"
        + " accuracy, precision, recall, F1 (causal is positive, over answered items), expected calibration error"
        + " (ece) with a reliability diagram PNG, failures by reason, per-group scores, items sent to the llm by a"
        + " cascade, throughput and tokens.",
        "--task extract: runs an extractor over grouped span files (causal_text_w_pairs) and scores its cause,"
            + " effect and signal spans as the Causal News Corpus subtask 2 does (exact word spans, best matching of"
            + " several relations, texts with relations only); JSON report with overall, cause, effect, signal,"
            + " n, seconds, units_per_second, llm_calls and a table per file.",
        "--task gate: the unit gate's recall on causal texts and the share of texts it passes, at"
            + " extraction.gate.threshold and as a sweep, with the threshold that keeps --target-recall. The encoder"
            + " gate reads detection files (labelled texts); the tagger gate (-D extraction.gate=tagger) reads the"
            + " tagger's grouped span files, a text with relations counting as causal.",
        "Example: ./workbench eval --judge cue --data ../shared/data/causal/cnc-v2/dev_subtask1.csv --text-col text"
            + " --label-col label --out target/eval-cue.json",
        "Example: ./workbench eval --task extract --data ../shared/data/causal/cnc-v2/dev_subtask2_grouped.csv"
            + " --out target/eval-extract.json"})
public final class EvalCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Option(names = "--task", defaultValue = "detect", paramLabel = "TASK",
      description = "detect (default): a judge's causal detection or pair classification; extract: an extractor's"
          + " cause, effect and signal spans on grouped span files (Causal News Corpus subtask 2 scoring); gate: the"
          + " unit gate's recall and pass share on labelled texts.")
  String task;

  @Option(names = "--judge", paramLabel = "NAME",
      description = "--task detect: cue, encoder, llm or cascade (encoder, then llm for the band cascade.low..cascade.high).")
  String judge;

  @Option(names = "--extractor", paramLabel = "NAME",
      description = "--task extract: tagger, llm, cue or cascade (default: extraction.extractor).")
  String extractor;

  @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE.csv",
      description = "Labelled data (CSV with a header); --task extract and gate take several files and report each.")
  List<Path> dataFiles;

  @Option(names = "--target-recall", defaultValue = "0.95", paramLabel = "R",
      description = "--task gate: the recall the reported threshold must reach (default: 0.95).")
  double targetRecall;

  @Option(names = "--held-out", paramLabel = "F",
      description = "--task gate and extract: score only the held-out part of these training files, split as"
          + " ./workbench train splits them (fraction F, with --seed): texts the model was not trained on.")
  Double heldOut;

  @Option(names = "--seed", defaultValue = "13", paramLabel = "S", description = "Seed of --held-out's split (default: 13).")
  long seed;

  @Option(names = "--pair-negatives", defaultValue = "0.15", paramLabel = "F",
      description = "--task extract with a head-word pair file: as ./workbench train --task extract reads it.")
  double pairNegatives;

  @Option(names = "--predictions", paramLabel = "FILE.jsonl",
      description = "--task extract: also write each scored text's gold and predicted relations, tagged as the data"
          + " sets tag them (<ARG0> cause, <ARG1> effect, <SIG0> signal), one JSON object per line.")
  Path predictions;

  private Path data;

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
    switch (task) {
      case "extract" -> {
        return extract(config);
      }
      case "gate" -> {
        return gate(config);
      }
      case "detect" -> { }
      default -> throw new IllegalArgumentException("--task takes detect, extract or gate, not '" + task + "'");
    }
    if (judge == null) {
      throw new IllegalArgumentException("--task detect needs --judge (cue, encoder, llm or cascade)");
    }
    if (dataFiles.size() != 1) {
      throw new IllegalArgumentException("--task detect scores one --data file at a time");
    }
    data = dataFiles.get(0);
    List<DetectionEvaluation.Item> items = DetectionEvaluation.read(data, textColumn, labelColumn, groupColumn, limit);
    int window = 1;
    CausalDetector detector;
    CausalJudge pairJudge;
    switch (judge) {
      case "cue" -> {
        detector = new CueDetector(CoreNlpAnnotator.parsing(config));
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
    SpanPairDetector pairs = hasPairs ? new SpanPairDetector(CoreNlpAnnotator.parsing(config), pairJudge) : null;
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

  /** --task extract: span scores of an extractor on grouped span files. */
  private int extract(WorkbenchConfig config) throws Exception {
    if (extractor != null) {
      config = config.with(WorkbenchOptions.EXTRACTOR, extractor);
    }
    Map<String, List<SpanExample>> files = new LinkedHashMap<>();
    List<SpanExample> all = SpanData.read(dataFiles, config, pairNegatives, seed, null);
    if (heldOut != null) {
      // The part ./workbench train --task extract held out of these files (same files, order and seed).
      all = HeldOutSplit.of(all, SpanExample::text, seed, heldOut).heldOut();
    }
    for (SpanExample e : all) {
      List<SpanExample> kept = files.computeIfAbsent(e.source(), f -> new ArrayList<>());
      if (limit <= 0 || kept.size() < limit) {
        kept.add(e);
      }
    }
    int batch = ExtractorFactory.runsAsync(config) ? LlmSettings.from(config).concurrency() * 2
        : config.getInt(WorkbenchOptions.BATCH_MAX_UNITS);
    ExtractionReport report;
    try (CausalExtractor chosen = ExtractorFactory.create(config)) {
      System.err.printf("extracting from %s with %s (%s)%n", files.keySet(), chosen.id(), chosen.version());
      report = new ExtractionEvaluation(chosen, CoreNlpAnnotator.fromConfig(config), batch, System.err)
          .run(files, predictions);
    }
    ExtractionEvaluation.print(report, System.out);
    write(report);
    return 0;
  }

  /** --task gate: the gate's recall and pass share on labelled texts, with the threshold for a target recall. */
  private int gate(WorkbenchConfig config) throws Exception {
    List<GateEvaluation.Item> items = new ArrayList<>();
    if (config.get(WorkbenchOptions.GATE).trim().equalsIgnoreCase("tagger")) {
      // Grouped span files are the tagger's training files: one item per text, in their order, so
      // --held-out gives back the texts its training held out. Labelled texts are read as they are.
      List<GateEvaluation.Item> read = new ArrayList<>();
      for (Path file : dataFiles) {
        List<List<String>> rows = CsvTable.fields(file);
        String name = file.getFileName().toString();
        if (SpanFiles.isGrouped(rows)) {
          SpanFiles.parse(rows, name).forEach(e -> read.add(new GateEvaluation.Item(e.text(), !e.relations().isEmpty())));
        } else {
          TrainingFiles.parse(rows, name).stream().filter(PairExample::isDetection)
              .forEach(e -> read.add(new GateEvaluation.Item(e.text(), e.causal())));
        }
      }
      items.addAll(heldOut == null ? read : HeldOutSplit.of(read, GateEvaluation.Item::text, seed, heldOut).heldOut());
    } else {
      List<PairExample> texts = new ArrayList<>();
      for (Path file : dataFiles) {
        texts.addAll(TrainingFiles.parse(CsvTable.fields(file), file.getFileName().toString()));
      }
      if (heldOut != null) {
        texts = HeldOutSplit.of(texts, seed, heldOut).heldOut();
      }
      texts.stream().filter(PairExample::isDetection)
          .forEach(e -> items.add(new GateEvaluation.Item(e.text(), e.causal())));
    }
    List<GateEvaluation.Item> scored = limit > 0 && items.size() > limit ? items.subList(0, limit) : items;
    String described = dataFiles.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
        + (heldOut == null ? "" : " (held-out " + heldOut + ", seed " + seed + ")");
    GateReport report;
    try (UnitGate unitGate = UnitGate.fromConfig(config)) {
      report = new GateEvaluation(unitGate, config.getInt(WorkbenchOptions.ENCODER_BATCH_SIZE), System.err)
          .run(described, scored, targetRecall);
    }
    GateEvaluation.print(report, System.out);
    write(report);
    return 0;
  }

  private void write(Object report) throws java.io.IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, new Json().writePretty(report));
    System.out.println("report written to " + out);
  }
}
