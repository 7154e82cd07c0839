package org.causalworkbench.app.cli;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.Map;
import org.causalworkbench.app.train.CandidatePairExamples;
import org.causalworkbench.app.train.SpanData;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.lifecycle.Closing;
import org.causalworkbench.extraction.annotate.CoreNlpAnnotator;
import org.causalworkbench.extraction.candidates.CandidatePairGenerator;
import org.causalworkbench.inference.encoder.BundledEncoder;
import org.causalworkbench.inference.encoder.EncoderEnsemble;
import org.causalworkbench.inference.encoder.EncoderModel;
import org.causalworkbench.inference.encoder.EncoderTrainer;
import org.causalworkbench.inference.encoder.EnsembleFitter;
import org.causalworkbench.inference.encoder.EnsembleSpec;
import org.causalworkbench.inference.encoder.PairExample;
import org.causalworkbench.inference.encoder.PretrainedEncoder;
import org.causalworkbench.inference.encoder.TrainingReport;
import org.causalworkbench.inference.encoder.TrainingFiles;
import org.causalworkbench.inference.tagger.SpanExample;
import org.causalworkbench.inference.tagger.SpanFiles;
import org.causalworkbench.inference.tagger.SpanTaggerTrainer;
import org.causalworkbench.inference.tagger.TaggerReport;
import org.causalworkbench.ingest.read.CsvTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Fine-tune the encoder's top layers and a pair head on labelled pairs. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Fine-tunes the top layers of the encoder named by encoder.model (all-MiniLM-L6-v2 unless set)"
        + " and a classification head on labelled pairs in the"
        + " UniCausal pair format (text_w_pairs with <ARG0>/<ARG1> tags, pair_label), and its detection head on"
        + " labelled texts (Causal News Corpus text,label files, grouped causal_text_w_pairs files), with a fixed"
        + " seed, a held-out split that also calibrates both heads, and a progress bar; writes tuned-weights.bin"
        + " (fp16) and training-report.json.",
        "Train splits only: dev and test files are refused, they are for eval.",
        "Example: ./workbench train --data ../shared/data/causal/unicausal/because_train.csv --out target/encoder"})
public final class TrainCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE", description = "Training CSVs.")
  List<Path> data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write weights and report.")
  Path out;

  @Option(names = "--epochs", defaultValue = "2", paramLabel = "N", description = "Epochs (default: 2).")
  int epochs;

  @Option(names = "--layers-tuned", defaultValue = "2", paramLabel = "K", description = "Top layers trained (default: 2).")
  int layersTuned;

  @Option(names = "--batch", defaultValue = "16", paramLabel = "N", description = "Batch size (default: 16).")
  int batch;

  @Option(names = "--lr", defaultValue = "5e-5", paramLabel = "X", description = "Learning rate (default: 5e-5).")
  float learningRate;

  @Option(names = "--max-length", defaultValue = "128", paramLabel = "N", description = "Tokens per text (default: 128).")
  int maxLength;

  @Option(names = "--max-examples", defaultValue = "0", paramLabel = "N",
      description = "Use a random N of the examples (0: all).")
  int maxExamples;

  @Option(names = "--test", arity = "1..*", paramLabel = "FILE",
      description = "Pair files to score after training (test splits belong here), reported per file.")
  List<Path> tests = new ArrayList<>();

  @Option(names = "--init-from", paramLabel = "DIR",
      description = "Start from the tuned weights in DIR (with --epochs 0: only score them).")
  Path initFrom;

  @Option(names = "--candidates", description = "Train on candidate pairs made as the job makes them (CoreNLP"
      + " mentions inside the labelled spans), not on the labelled spans themselves.")
  boolean candidates;

  @Option(names = "--negatives-per-text", defaultValue = "3", paramLabel = "N",
      description = "With --candidates: unrelated mention pairs kept per text (default: 3).")
  int negativesPerText;

  @Option(names = "--causal-weight", defaultValue = "1", paramLabel = "W",
      description = "Loss weight of a causal pair example; others weigh 1 (default: 1).")
  float causalWeight;

  @Option(names = "--only", paramLabel = "KIND", description = "Train on only the pairs or only the texts of the"
      + " files (pairs trains the pair head, texts the detection head; default: both).")
  String only;

  @Option(names = "--members", arity = "2..*", paramLabel = "MODEL[=DIR]",
      description = "Train nothing: combine encoders already fine-tuned on these --data files (the same files in the"
          + " same order, with the same --seed, --held-out and --only; checked against the held-out split each"
          + " member's training report records) into an ensemble, each a bundled encoder with its shipped weights or MODEL=DIR with the tuned"
          + " weights in DIR; fits the ensemble's detection threshold on the held-out part and writes ensemble.json"
          + " to --out (use it with encoder.ensemble=DIR). The training options (--epochs, --lr, ...) are not"
          + " read.")
  List<String> members;

  @Option(names = "--task", defaultValue = "judge", paramLabel = "TASK",
      description = "judge (default): the encoder judge's pair and detection heads; extract: the span tagger (cause,"
          + " effect and signal spans, on the encoder tagger.model names) from grouped span files"
          + " (causal_text_w_pairs: Causal News Corpus *_subtask2_grouped.csv, UniCausal grouped/*.csv).")
  String task;

  @Option(names = "--negatives", defaultValue = "1", paramLabel = "F",
      description = "With --task extract: the fraction of texts without relations kept for training (default: 1).")
  double negatives;

  @Option(names = "--pair-negatives", defaultValue = "0.15", paramLabel = "F",
      description = "With --task extract and a pair file (text_w_pairs, pair_label, heads as arguments): the fraction"
          + " of its texts without a causal pair read as texts without relations (default: 0.15; they mark one pair"
          + " per text, so unmarked causes may hide in the rest).")
  double pairNegatives;

  @Option(names = "--seed", defaultValue = "13", paramLabel = "S", description = "Seed of shuffles and split (default: 13).")
  long seed;

  @Option(names = "--held-out", defaultValue = "0.1", paramLabel = "F", description = "Held-out fraction (default: 0.1).")
  double heldOut;

  private List<PairExample> asCandidates(List<PairExample> labelled) {
    CandidatePairExamples maker = new CandidatePairExamples(
        CoreNlpAnnotator.parsing(services.config()), CandidatePairGenerator.fromConfig(services.config()),
        negativesPerText, seed);
    List<PairExample> out = new ArrayList<>();
    int done = 0;
    for (PairExample e : labelled) {
      if (e.isDetection()) {
        out.add(e);
        continue;
      }
      out.addAll(maker.from(e));
      if (++done % 500 == 0) {
        System.err.printf("candidates: %d/%d texts, %d pairs%n", done, labelled.size(), out.size());
      }
    }
    long positive = out.stream().filter(PairExample::causal).count();
    System.err.printf("candidates: %d pairs from %d texts, %d causal%n", out.size(), labelled.size(), positive);
    return out;
  }

  /** --members: scores the members on the held-out part and writes the fitted ensemble. */
  private int ensemble(List<PairExample> examples, Map<String, List<PairExample>> testSets) throws Exception {
    Path folder = out.toAbsolutePath().normalize();
    // Weights are written relative to the ensemble's folder, so the two can move together.
    List<EnsembleSpec.Member> specs = members.stream().map(EnsembleSpec.Member::parse)
        .map(m -> new EnsembleSpec.Member(BundledEncoder.named(m.model()).isPresent() ? m.model()
            : relativeTo(folder, m.model()), m.weights() == null ? null : relativeTo(folder, m.weights())))
        .toList();
    WorkbenchConfig config = services.config().with(WorkbenchOptions.ENCODER_MAX_LENGTH, Integer.toString(maxLength));
    List<TrainingReport> reports = new ArrayList<>();
    for (EnsembleSpec.Member member : specs) {
      reports.add(EncoderEnsemble.memberReport(member, folder));
    }
    List<EncoderModel> opened = new ArrayList<>();
    try {
      for (EnsembleSpec.Member member : specs) {
        opened.add(EncoderEnsemble.openMember(member, folder, config, Device.cpu()));
      }
      EnsembleSpec spec = new EnsembleFitter(seed, heldOut, batch, maxLength, System.err)
          .fit(specs, opened, reports, examples, testSets);
      spec.write(folder);
      System.out.printf("ensemble of %d encoders, detection threshold %.2f, fitted on %d held-out examples:%n",
          specs.size(), spec.detectionThreshold(),
          spec.heldOutData().values().stream().mapToInt(Integer::intValue).sum());
      spec.heldOut().forEach((what, s) -> System.out.printf("  held-out %s: %s%n", what, s));
      spec.test().forEach((file, s) -> System.out.printf("  test %s: %s%n", file, s));
      System.out.println("written to " + folder.resolve(EnsembleSpec.FILE) + "; use it with -D encoder.ensemble="
          + folder);
      return 0;
    } finally {
      Closing.closeAll(opened);
    }
  }

  private static String relativeTo(Path folder, String path) {
    return folder.relativize(Path.of(path).toAbsolutePath().normalize()).toString();
  }

  /** --task extract: fine-tunes the span tagger on grouped span files. */
  private int trainTagger() throws Exception {
    if (members != null || candidates || only != null) {
      throw new IllegalArgumentException("--task extract trains the span tagger; --members, --candidates and --only are"
          + " for the judge's encoder");
    }
    Map<String, List<SpanExample>> testSets = new java.util.TreeMap<>();
    for (Path file : tests) {
      String name = file.getFileName().toString();
      testSets.put(name, SpanFiles.parse(CsvTable.fields(file), name));
    }
    data.forEach(TrainCommand::refuseHeldOutSplits);
    List<SpanExample> examples = new ArrayList<>(SpanData.read(data, services.config(), pairNegatives, seed, System.err));
    if (maxExamples > 0 && examples.size() > maxExamples) {
      Collections.shuffle(examples, new Random(seed));
      examples = new ArrayList<>(examples.subList(0, maxExamples));
    }
    WorkbenchConfig config = services.config();
    PretrainedEncoder base = PretrainedEncoder.fromConfig(
        config.with(WorkbenchOptions.ENCODER_MODEL, config.get(WorkbenchOptions.TAGGER_MODEL)), out.resolve(".cache"));
    SpanTaggerTrainer trainer = new SpanTaggerTrainer(new SpanTaggerTrainer.Settings(seed, epochs, layersTuned, batch,
        learningRate, maxLength, heldOut, negatives, initFrom), base, System.err);
    TaggerReport report = trainer.train(examples, testSets, out);
    Files.writeString(out.resolve(TaggerReport.FILE), new Json().writePretty(report));
    System.out.printf("trained the span tagger on %d texts (%d held out) in %.0f s; epoch loss %s%n"
        + "  held out by epoch %s%n  held out: %s%n", report.trainExamples(), report.heldOutExamples(),
        report.seconds(), report.epochLoss(), report.heldOutByEpoch(), report.heldOut());
    report.test().forEach((file, s) -> System.out.printf("  test %s: %s%n", file, s));
    System.out.println("weights and report in " + out + "; use them with -D tagger.weights=" + out);
    return 0;
  }

  private static void refuseHeldOutSplits(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.contains("test") || name.contains("dev")) {
      throw new IllegalArgumentException(file + " looks like a dev or test split; train on train splits and keep"
          + " those for ./workbench eval");
    }
  }

  @Override
  public Integer call() throws Exception {
    switch (task) {
      case "judge" -> { }
      case "extract" -> {
        return trainTagger();
      }
      default -> throw new IllegalArgumentException("--task takes judge or extract, not '" + task + "'");
    }
    if (members != null && (initFrom != null || candidates || maxExamples > 0)) {
      throw new IllegalArgumentException("--members combines encoders already trained on these files; it trains"
          + " nothing, so it takes no --init-from, --candidates or --max-examples");
    }
    java.util.Map<String, List<PairExample>> testSets = new java.util.TreeMap<>();
    for (Path file : tests) {
      List<PairExample> read = TrainingFiles.parse(CsvTable.fields(file),
          file.getFileName().toString());
      List<PairExample> pairs = read.stream().filter(e -> !e.isDetection()).toList();
      List<PairExample> texts = read.stream().filter(PairExample::isDetection).toList();
      if (!pairs.isEmpty()) {
        testSets.put(file.getFileName() + " pairs", pairs);
      }
      if (!texts.isEmpty() && pairs.isEmpty()) {
        testSets.put(file.getFileName() + " texts", texts);
      }
    }
    List<PairExample> examples = new ArrayList<>();
    for (Path file : data) {
      refuseHeldOutSplits(file);
      List<List<String>> rows = CsvTable.fields(file);
      List<PairExample> read = TrainingFiles.parse(rows, file.getFileName().toString());
      long texts = read.stream().filter(PairExample::isDetection).count();
      System.err.printf("%s: %d pairs, %d texts%n", file, read.size() - texts, texts);
      examples.addAll(read);
    }
    if (only != null) {
      boolean texts = switch (only) {
        case "texts" -> true;
        case "pairs" -> false;
        default -> throw new IllegalArgumentException("--only takes pairs or texts, not '" + only + "'");
      };
      examples = new ArrayList<>(examples.stream().filter(e -> e.isDetection() == texts).toList());
    }
    if (maxExamples > 0 && examples.size() > maxExamples) {
      Collections.shuffle(examples, new Random(seed));
      examples = new ArrayList<>(examples.subList(0, maxExamples));
    }
    if (candidates) {
      examples = asCandidates(examples);
      for (Map.Entry<String, List<PairExample>> test : testSets.entrySet()) {
        test.setValue(asCandidates(test.getValue()));
      }
    }
    if (members != null) {
      return ensemble(examples, testSets);
    }
    EncoderTrainer trainer = new EncoderTrainer(
        new EncoderTrainer.Settings(seed, epochs, layersTuned, batch, learningRate, maxLength, heldOut, initFrom,
            causalWeight),
        PretrainedEncoder.fromConfig(services.config(), out.resolve(".cache")),
        System.err);
    TrainingReport report = trainer.train(examples, testSets, out);
    Files.writeString(out.resolve(TrainingReport.FILE), new Json().writePretty(report));
    System.out.printf("trained on %d examples (%d held out) in %.0f s; epoch loss %s%n  held-out pairs %s%n"
        + "  held-out texts %s%n  temperatures %s%n", report.trainExamples(), report.heldOutExamples(),
        report.seconds(), report.epochLoss(), report.heldOutPairs(), report.heldOutTexts(), report.temperatures());
    report.test().forEach((file, s) -> System.out.printf("  test %s: %s%n", file, s));
    System.out.println("weights and report in " + out);
    return 0;
  }
}
