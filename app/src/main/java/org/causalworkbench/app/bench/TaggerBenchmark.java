package org.causalworkbench.app.bench;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.inference.encoder.EncoderModel;
import org.causalworkbench.inference.tagger.SpanTagger;
import org.causalworkbench.inference.tagger.TaggerSettings;

/**
 * The span tagger's throughput by batch size on a corpus's texts (each document's text, cut to the
 * tagger's length as the job reads a unit): the same texts at every batch size, one warm-up pass
 * first, reps alternated so each size sees the machine alike. Several runtimes
 * ({@code tagger.runtime}) are opened side by side and alternated the same way, each figure printed
 * with its ratio to the first runtime's. Prints figures; decides nothing.
 */
public final class TaggerBenchmark {

  private final WorkbenchConfig config;

  public TaggerBenchmark(WorkbenchConfig config) {
    this.config = config;
  }

  public void run(Path corpus, List<Integer> batchSizes, int reps, int maxTexts, List<String> runtimes) {
    List<String> texts = new ArrayList<>();
    for (Document d : PipelineBenchmark.read(corpus)) {
      if (texts.size() < maxTexts) {
        texts.add(d.text());
      }
    }
    List<WorkbenchConfig> configs = runtimes.isEmpty() ? List.of(config)
        : runtimes.stream().map(r -> config.with(WorkbenchOptions.TAGGER_RUNTIME, r)).toList();
    Device device = EncoderModel.preferredDevice();
    double[][] seconds = new double[configs.size()][batchSizes.size()];
    List<String> names = new ArrayList<>();
    List<SpanTagger> taggers = new ArrayList<>();
    try {
      for (WorkbenchConfig c : configs) {
        SpanTagger tagger = SpanTagger.open(TaggerSettings.from(c), device);
        taggers.add(tagger);
        names.add(tagger.describe());
        System.out.printf(Locale.ROOT, "span tagger %s on %s: %d texts from %s, %d reps per batch size%n",
            tagger.describe(), device, texts.size(), corpus, reps);
        for (int size : batchSizes) {
          tagger.tag(texts, size); // warm-up: the first pass at a new shape pays for it
        }
      }
      for (int rep = 0; rep < reps; rep++) {
        for (int i = 0; i < batchSizes.size(); i++) {
          for (int t = 0; t < taggers.size(); t++) {
            long start = System.nanoTime();
            taggers.get(t).tag(texts, batchSizes.get(i));
            seconds[t][i] += (System.nanoTime() - start) / 1e9;
          }
        }
      }
    } finally {
      taggers.forEach(SpanTagger::close);
    }
    for (int t = 0; t < taggers.size(); t++) {
      System.out.println("  " + names.get(t));
      for (int i = 0; i < batchSizes.size(); i++) {
        System.out.printf(Locale.ROOT, "    batch %4d: %8.1f texts/s%s%n", batchSizes.get(i),
            texts.size() * reps / seconds[t][i],
            t == 0 ? "" : String.format(Locale.ROOT, "   %.2f x the first", seconds[0][i] / seconds[t][i]));
      }
    }
  }
}
