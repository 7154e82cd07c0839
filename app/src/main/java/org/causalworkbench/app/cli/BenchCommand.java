package org.causalworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.causalworkbench.app.bench.EncoderBenchmark;
import org.causalworkbench.app.bench.GraphBenchmark;
import org.causalworkbench.app.bench.LlmThroughputBenchmark;
import org.causalworkbench.app.bench.PipelineBenchmark;
import org.causalworkbench.app.bench.TaggerBenchmark;
import org.causalworkbench.app.bench.LlmCallsBenchmark;
import org.causalworkbench.app.runtime.WorkbenchHome;
import org.causalworkbench.core.config.WorkbenchOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks; they print figures and never fail on speed.",
    subcommands = {BenchCommand.Pipeline.class, BenchCommand.Llm.class, BenchCommand.Encoder.class, BenchCommand.Tagger.class, BenchCommand.LlmCalls.class,
        BenchCommand.Graph.class})
public final class BenchCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The llm judge's throughput against a simulated server. */
  @Command(name = "llm", mixinStandardHelpOptions = true,
      description = "Runs the llm judge against a local simulated server with latency L and concurrency C and prints"
          + " achieved requests/s against the ideal C/L.")
  static final class Llm implements Callable<Integer> {

    @Option(names = "--latency-ms", defaultValue = "200", paramLabel = "L", description = "Server latency (default: 200).")
    long latency;

    @Option(names = "--concurrency", split = ",", defaultValue = "4,16,64", paramLabel = "C,...",
        description = "Concurrency limits to measure (default: 4,16,64).")
    java.util.List<Integer> concurrencies;

    @Option(names = "--requests-per-slot", defaultValue = "20", paramLabel = "N",
        description = "Requests per unit of concurrency (default: 20).")
    int perSlot;

    @Override
    public Integer call() {
      new LlmThroughputBenchmark().run(latency, concurrencies, perSlot);
      return 0;
    }
  }

  /** Whole pipeline against CoreNLP alone. */
  @Command(name = "pipeline", mixinStandardHelpOptions = true,
      description = "Runs the sample corpus (or --corpus), repeated to at least --sentences sentences, through the whole"
          + " pipeline (fresh embedded services in a temporary folder) for each of --paths, and through CoreNLP alone;"
          + " prints sentences/s and the ratios.")
  static final class Pipeline implements Callable<Integer> {

    @Mixin ServiceOptions services;

    @Option(names = "--sentences", paramLabel = "N", description = "Sentences at least (default: 2000).")
    int sentences = 2000;

    @Option(names = "--corpus", paramLabel = "PATH", description = "Corpus to repeat (default: the sample corpus);"
        + " a CSV with a text column reads each row as a document (../shared/data/causal/cnc-v2/dev_subtask1.csv).")
    Path corpus;

    @Option(names = "--paths", split = ",", paramLabel = "PATH",
        description = "Job paths to run on the same corpus, one after the other: spans (the configured extractor),"
            + " spans:EXTRACTOR[@GATE] (spans:tagger, spans:tagger+cue, spans:tagger@encoder), cue-pairs, encoder-pairs"
            + " (default: spans,cue-pairs);"
            + " ratios are against the first.")
    List<String> paths = List.of("spans", "cue-pairs");

    @Override
    public Integer call() throws Exception {
      Path work = Files.createTempDirectory("workbench-bench");
      try {
        new PipelineBenchmark(services.config()).run(corpus != null ? corpus : WorkbenchHome.sampleCorpus(), sentences,
            work, paths);
      } finally {
        PipelineBenchmark.deleteQuietly(work);
      }
      return 0;
    }
  }

  /** Model requests per path, counted by a simulated server. */
  @Command(name = "llm-calls", mixinStandardHelpOptions = true,
      description = "Runs the sample corpus (or --corpus) through the job three times against a simulated"
          + " OpenAI-compatible server that counts requests: the llm judging every candidate pair (pairs mode), the llm"
          + " extractor on the units the gate passes, and the extraction cascade (cascade.extract.low/high); prints"
          + " requests per 1,000 sentences and how many times fewer than judging every pair.")
  static final class LlmCalls implements Callable<Integer> {

    @Mixin ServiceOptions services;

    @Option(names = "--corpus", paramLabel = "PATH", description = "Corpus (default: the sample corpus).")
    Path corpus;

    @Override
    public Integer call() throws Exception {
      Path work = Files.createTempDirectory("workbench-bench");
      try {
        new LlmCallsBenchmark(services.config()).run(corpus != null ? corpus : WorkbenchHome.sampleCorpus(), work);
      } finally {
        PipelineBenchmark.deleteQuietly(work);
      }
      return 0;
    }
  }

  /** The span tagger's texts/s per batch size. */
  @Command(name = "tagger", mixinStandardHelpOptions = true,
      description = "Tags a corpus's texts (default: the sample corpus; a CSV of real sentences such as"
          + " ../shared/data/causal/cnc-v2/dev_subtask1.csv reads each row) with the span tagger at each batch size"
          + " and prints texts/s (CPU, or the GPU DJL finds).")
  static final class Tagger implements Callable<Integer> {

    @Mixin ServiceOptions services;

    @Option(names = "--corpus", paramLabel = "PATH", description = "Texts to tag (default: the sample corpus).")
    Path corpus;

    @Option(names = "--batch-sizes", split = ",", paramLabel = "N", description = "Default: 1,8,16,32,64.")
    List<Integer> batchSizes = List.of(1, 8, 16, 32, 64);

    @Option(names = "--reps", paramLabel = "N", description = "Passes over the texts per batch size (default: 3).")
    int reps = 3;

    @Option(names = "--max-texts", paramLabel = "N", description = "Texts at most (default: 400).")
    int maxTexts = 400;

    @Option(names = "--runtimes", split = ",", paramLabel = "RUNTIME",
        description = "tagger.runtime values to compare side by side in one run, e.g. onnx-int8,pytorch"
            + " (default: the configured one).")
    List<String> runtimes = List.of();

    @Override
    public Integer call() {
      new TaggerBenchmark(services.config()).run(corpus != null ? corpus : WorkbenchHome.sampleCorpus(), batchSizes,
          reps, maxTexts, runtimes);
      return 0;
    }
  }

  /** The encoder judge's pairs/s per batch size, and its forward pass against ONNX Runtime. */
  @Command(name = "encoder", mixinStandardHelpOptions = true,
      description = "Judges the sample corpus's candidate pairs with the encoder judge at each batch size and prints"
          + " pairs/s (CPU, or the GPU DJL finds), then times the rebuilt encoder's forward pass against a plain ONNX"
          + " Runtime session on the same token ids.")
  static final class Encoder implements Callable<Integer> {

    @Mixin ServiceOptions services;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "1,8,32,128", paramLabel = "B,...",
        description = "Batch sizes to measure (default: 1,8,32,128).")
    java.util.List<Integer> batchSizes;

    @Option(names = "--pairs", defaultValue = "256", paramLabel = "N",
        description = "Pairs judged per batch size, at least (default: 256).")
    int pairs;

    @Option(names = "--reps", defaultValue = "20", paramLabel = "N", description = "Forward-pass repetitions (default: 20).")
    int reps;

    @Option(names = "--corpus", paramLabel = "PATH", description = "Corpus (default: the sample corpus).")
    Path corpus;

    @Override
    public Integer call() throws Exception {
      Path work = Files.createTempDirectory("workbench-bench");
      try {
        new EncoderBenchmark(services.config()).run(corpus != null ? corpus : WorkbenchHome.sampleCorpus(), batchSizes,
            pairs, reps, work);
      } finally {
        PipelineBenchmark.deleteQuietly(work);
      }
      return 0;
    }
  }

  /** The graph store under load: insert rate, re-scoring, review, cycles and queries. */
  @Command(name = "graph", mixinStandardHelpOptions = true,
      description = "Loads synthetic evidence (default 1,000,000 rows over 100,000 variables) into a fresh embedded"
          + " PostgreSQL through the job's graph writer, then times re-scoring one edge, a review, the cycle refresh"
          + " and each graph query.")
  static final class Graph implements Callable<Integer> {

    @Mixin ServiceOptions services;

    @Option(names = "--evidence", defaultValue = "1000000", paramLabel = "N", description = "Evidence rows.")
    int evidence;

    @Option(names = "--variables", defaultValue = "100000", paramLabel = "N", description = "Variables.")
    int variables;

    @Option(names = "--batch", defaultValue = "2000", paramLabel = "N", description = "Verdicts per write.")
    int batch;

    @Option(names = "--writers", paramLabel = "N", description = "Graph writers at once, each verdict routed by its"
        + " variable pair as the job's evidence sink routes it (default: job.parallelism).")
    Integer writers;

    @Option(names = "--queries-only", description = "Time only the read queries, on the graph already in"
        + " --jdbc-url (one an earlier, larger run of this benchmark loaded): nothing is loaded or written.")
    boolean queriesOnly;

    @Override
    public Integer call() throws Exception {
      if (queriesOnly) {
        if (!services.config().isSet(WorkbenchOptions.JDBC_URL)) {
          throw new IllegalArgumentException("--queries-only reads a graph this benchmark loaded before: give its"
              + " store with --jdbc-url");
        }
        new GraphBenchmark(services.config()).queries();
        return 0;
      }
      Path work = Files.createTempDirectory("workbench-bench-graph");
      try {
        int parallel = writers != null ? writers : services.config().getInt(WorkbenchOptions.JOB_PARALLELISM);
        if (parallel < 1) {
          throw new IllegalArgumentException("--writers must be at least 1, not " + parallel);
        }
        new GraphBenchmark(services.config()).run(evidence, variables, batch, parallel, work, 17);
      } finally {
        PipelineBenchmark.deleteQuietly(work);
      }
      return 0;
    }
  }
}
