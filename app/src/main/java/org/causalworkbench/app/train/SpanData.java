package org.causalworkbench.app.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.extraction.annotate.CoreNlpAnnotator;
import org.causalworkbench.inference.encoder.TrainingFiles;
import org.causalworkbench.inference.tagger.SpanExample;
import org.causalworkbench.inference.tagger.SpanFiles;
import org.causalworkbench.ingest.read.CsvTable;

/**
 * The span tagger's labelled data, read the same way for training and for scoring a held-out split:
 * grouped span files as they are, head-word pair files (UniCausal's SemEval rows) with their heads
 * widened to noun phrases ({@link HeadSpanExamples}).
 */
public final class SpanData {

  private SpanData() {}

  /**
   * @param pairNegatives the share of a pair file's texts without a causal pair kept (seeded)
   */
  public static List<SpanExample> read(List<Path> files, WorkbenchConfig config, double pairNegatives, long seed,
      PrintStream log) {
    List<SpanExample> examples = new ArrayList<>();
    HeadSpanExamples heads = null;
    for (Path file : files) {
      List<List<String>> rows = CsvTable.fields(file);
      String name = file.getFileName().toString();
      List<SpanExample> read;
      if (SpanFiles.isGrouped(rows)) {
        read = SpanFiles.parse(rows, name);
      } else {
        heads = heads != null ? heads : new HeadSpanExamples(
            new CoreNlpAnnotator(CoreNlpAnnotator.TAGGING, config.getInt(WorkbenchOptions.MAX_SENTENCE_TOKENS)),
            pairNegatives, seed);
        read = heads.from(TrainingFiles.parse(rows, name), name);
      }
      if (log != null) {
        log.printf("%s: %d texts, %d relations%n", file, read.size(),
            read.stream().mapToInt(e -> e.relations().size()).sum());
      }
      examples.addAll(read);
    }
    return examples;
  }
}
