package org.causalworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.causalworkbench.app.bench.LlmThroughputBenchmark;
import org.causalworkbench.app.bench.PipelineBenchmark;
import org.causalworkbench.app.runtime.WorkbenchHome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks; they print figures and never fail on speed.",
    subcommands = {BenchCommand.Pipeline.class, BenchCommand.Llm.class})
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
      description = "Runs the sample corpus, repeated to at least --sentences sentences, through the whole pipeline"
          + " (fresh embedded services in a temporary folder) and through CoreNLP alone; prints sentences/s and the ratio.")
  static final class Pipeline implements Callable<Integer> {

    @Mixin ServiceOptions services;

    @Option(names = "--sentences", paramLabel = "N", description = "Sentences at least (default: 2000).")
    int sentences = 2000;

    @Option(names = "--corpus", paramLabel = "PATH", description = "Corpus to repeat (default: the sample corpus).")
    Path corpus;

    @Override
    public Integer call() throws Exception {
      Path work = Files.createTempDirectory("workbench-bench");
      try {
        new PipelineBenchmark(services.config()).run(corpus != null ? corpus : WorkbenchHome.sampleCorpus(), sentences,
            work);
      } finally {
        PipelineBenchmark.deleteQuietly(work);
      }
      return 0;
    }
  }
}
