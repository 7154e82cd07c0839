package org.causalworkbench.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.causalworkbench.app.pipeline.PipelineRunner;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.ingest.read.IngestReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Read corpus files into the documents topic. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Reads .txt, .md, .jsonl, .csv and PubMed .xml files, each also gzipped (.gz), or folders of them,"
        + " into the documents topic; multi-record files stream, one record at a time.",
        "Bad inputs are reported one line each and sent to the dead-letter topic; the run goes on."})
public final class IngestCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders.")
  List<Path> paths;

  @Option(names = "--text-col", paramLabel = "NAME", description = "CSV column holding the text (default: text).")
  String textColumn;

  @Option(names = "--max-bytes", paramLabel = "N", description = "Largest document in bytes (default: 2000000).")
  Long maxBytes;

  @Override
  public Integer call() {
    WorkbenchConfig config = services.config();
    if (textColumn != null) {
      config = config.with(WorkbenchOptions.INGEST_CSV_TEXT_COLUMN, textColumn);
    }
    if (maxBytes != null) {
      config = config.with(WorkbenchOptions.INGEST_MAX_DOCUMENT_BYTES, Long.toString(maxBytes));
    }
    try (WorkbenchServices running = WorkbenchServices.start(config, true, false,
        WorkbenchServices.Sharing.ATTACH, "ingest")) {
      IngestReport report = new PipelineRunner(running).ingest(paths);
      System.out.printf("ingested %d documents from %d files; %d dead-lettered %s%n", report.documents(),
          report.files(), report.deadLettered(), report.deadLetters());
      return 0;
    }
  }
}
