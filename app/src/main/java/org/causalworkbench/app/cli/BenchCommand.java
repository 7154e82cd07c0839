package org.causalworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.causalworkbench.app.bench.PipelineBenchmark;
import org.causalworkbench.app.runtime.WorkbenchHome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks; they print figures and never fail on speed.",
    subcommands = {BenchCommand.Pipeline.class})
public final class BenchCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
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
