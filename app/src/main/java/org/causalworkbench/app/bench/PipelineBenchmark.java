package org.causalworkbench.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.causalworkbench.pipeline.local.LocalJob;
import org.causalworkbench.app.pipeline.PipelineRunner;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.extraction.annotate.CoreNlpAnnotator;
import org.causalworkbench.pipeline.functions.AnnotateFunction;
import org.causalworkbench.ingest.read.CorpusIngester;
import org.causalworkbench.ingest.read.IngestReport;
import org.causalworkbench.ingest.read.IngestSink;

/**
 * Measures the whole pipeline against CoreNLP alone on the same text, in one run: a corpus (the
 * sample corpus, or a CSV of real sentences such as CNC dev's) repeated (each copy with its own
 * title, so its own document id) until it holds at least the wanted number of sentences, through
 * each requested path of the job (spans, and the cue and encoder pair paths) on fresh embedded
 * services. Prints figures and ratios; decides nothing.
 */
public final class PipelineBenchmark {

  /** The figures of one run. */
  public record Figures(int documents, long sentences, double corenlpSeconds, double ingestSeconds,
      double jobSeconds) {
    public double corenlpRate() {
      return sentences / corenlpSeconds;
    }

    public double pipelineRate() {
      return sentences / (ingestSeconds + jobSeconds);
    }
  }

  private final WorkbenchConfig config;

  public PipelineBenchmark(WorkbenchConfig config) {
    this.config = config;
  }

  /**
   * @param paths the job configurations to run on the same corpus, one after the other: spans (the
   *     configured extractor), cue-pairs, encoder-pairs; ratios are against the first
   */
  public Figures run(Path corpus, int minSentences, Path workDir, List<String> paths) throws Exception {
    List<Document> sample = read(corpus);
    CoreNlpAnnotator annotator = CoreNlpAnnotator.fromConfig(config);
    int sampleSentences = 0;
    for (Document d : sample) {
      sampleSentences += annotator.annotate(d).size(); // also warms the annotator up
    }
    List<Document> documents = new ArrayList<>();
    int copies = Math.max(1, (int) Math.ceil((double) minSentences / sampleSentences));
    for (int copy = 1; copy <= copies; copy++) {
      for (Document d : sample) {
        String text = d.text().replaceFirst("\n", " (copy " + copy + ")\n");
        documents.add(new Document(d.id() + "-" + copy, d.source(), d.title(), text, d.metadata()));
      }
    }
    System.out.printf(Locale.ROOT, "bench corpus: %d documents (%d copies of %d), about %d sentences%n",
        documents.size(), copies, sample.size(), (long) copies * sampleSentences);

    long start = System.nanoTime();
    long sentences = 0;
    for (Document d : documents) {
      sentences += annotator.annotate(d).size();
    }
    double corenlpSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "CoreNLP alone (one thread, %s): %d sentences in %.1f s = %.1f sentences/s%n",
        CoreNlpAnnotator.annotators(config), sentences, corenlpSeconds, sentences / corenlpSeconds);

    Path jsonl = workDir.resolve("bench-corpus.jsonl");
    Json json = new Json();
    List<String> lines = new ArrayList<>();
    for (Document d : documents) {
      lines.add(json.writeString(Map.of("id", d.id(), "title", d.title(), "text", d.text())));
    }
    Files.write(jsonl, lines, StandardCharsets.UTF_8);

    Figures first = null;
    List<String> table = new ArrayList<>();
    for (String path : paths) {
      WorkbenchConfig pathConfig = path(config, path);
      String folder = path.replaceAll("[^a-z0-9-]", "_");
      WorkbenchConfig benchConfig = pathConfig.with(WorkbenchOptions.DATA_DIR, workDir.resolve("data-" + folder).toString())
          .with(WorkbenchOptions.JOB_NAME, "bench-" + folder + "-" + System.currentTimeMillis());
      try (WorkbenchServices services = WorkbenchServices.start(benchConfig, true, true)) {
        PipelineRunner runner = new PipelineRunner(services);
        IngestReport ingest = runner.ingest(List.of(jsonl));
        LocalJob.Result job = runner.runBounded();
        long piped = job.counter(AnnotateFunction.SENTENCES);
        Figures figures = new Figures(documents.size(), piped, corenlpSeconds * piped / Math.max(1, sentences),
            ingest.seconds(), job.seconds());
        first = first == null ? figures : first;
        System.out.printf(Locale.ROOT, "%s: whole pipeline (ingest %.1f s + Flink job %.1f s, parallelism %s, annotators"
                + " %s): %d sentences = %.1f sentences/s%n", path, ingest.seconds(), job.seconds(),
            config.get(WorkbenchOptions.JOB_PARALLELISM), CoreNlpAnnotator.annotators(pathConfig), piped,
            figures.pipelineRate());
        System.out.printf(Locale.ROOT, "  of which CoreNLP inside the job: %.1f sentences/s per busy task%n",
            piped / (job.counter(AnnotateFunction.ANNOTATE_NANOS) / 1e9));
        table.add(String.format(Locale.ROOT, "  %-36s %8.1f sentences/s  %6.2f x %s  %6.2f x CoreNLP alone", path,
            figures.pipelineRate(), figures.pipelineRate() / first.pipelineRate(), paths.get(0),
            figures.pipelineRate() / figures.corenlpRate()));
      }
    }
    System.out.println("same corpus, same run:");
    table.forEach(System.out::println);
    return first;
  }

  /**
   * The configuration of one path: spans (as configured), spans:EXTRACTOR[@GATE] (spans:tagger+cue,
   * spans:tagger@encoder), or JUDGE-pairs (cue-pairs, encoder-pairs, llm-pairs); each may end in
   * ~KEY=VALUE settings of its own (spans:tagger~extraction.batch.max-units=8).
   */
  static WorkbenchConfig path(WorkbenchConfig config, String path) {
    String[] parts = path.split("~");
    WorkbenchConfig out = basePath(config, parts[0]);
    for (int i = 1; i < parts.length; i++) {
      String[] keyValue = parts[i].split("=", 2);
      if (keyValue.length != 2) {
        throw new IllegalArgumentException("path '" + path + "': '" + parts[i] + "' is not KEY=VALUE");
      }
      out = out.with(keyValue[0], keyValue[1]);
    }
    return out;
  }

  private static WorkbenchConfig basePath(WorkbenchConfig config, String path) {
    if (path.startsWith("spans:")) {
      String[] extractorAndGate = path.substring("spans:".length()).split("@", 2);
      WorkbenchConfig spans = config.with(WorkbenchOptions.EXTRACTION_MODE, "spans")
          .with(WorkbenchOptions.EXTRACTOR, extractorAndGate[0]);
      return extractorAndGate.length == 1 ? spans : spans.with(WorkbenchOptions.GATE, extractorAndGate[1]);
    }
    if (path.endsWith("-pairs") && path.length() > "-pairs".length()) {
      return config.with(WorkbenchOptions.EXTRACTION_MODE, "pairs")
          .with(WorkbenchOptions.JUDGE, path.substring(0, path.length() - "-pairs".length()));
    }
    if (path.equals("spans")) {
      return config.with(WorkbenchOptions.EXTRACTION_MODE, "spans");
    }
    throw new IllegalArgumentException("unknown path '" + path + "': spans, spans:EXTRACTOR[@GATE] (spans:tagger+cue,"
        + " spans:tagger@encoder), or JUDGE-pairs (cue-pairs, encoder-pairs)");
  }

  static List<Document> read(Path corpus) {
    List<Document> documents = new ArrayList<>();
    CorpusIngester.standard(Long.MAX_VALUE, "text").ingest(List.of(corpus), new IngestSink() {
      @Override
      public void document(Document document) {
        documents.add(document);
      }

      @Override
      public void deadLetter(DeadLetter deadLetter) {
        throw new IllegalArgumentException("bench corpus has a bad input: " + deadLetter.detail());
      }
    });
    return documents;
  }

  public static void deleteQuietly(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
