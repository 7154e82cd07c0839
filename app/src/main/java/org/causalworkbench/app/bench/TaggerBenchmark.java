package org.causalworkbench.app.bench;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.inference.encoder.EncoderModel;
import org.causalworkbench.inference.tagger.SpanTagger;
import org.causalworkbench.inference.tagger.TaggerSettings;

/**
 * The span tagger's throughput by batch size on a corpus's texts (each document's text, cut to the
 * tagger's length as the job reads a unit): the same texts at every batch size, one warm-up pass
 * first, reps alternated so each size sees the machine alike. Prints figures; decides nothing.
 */
public final class TaggerBenchmark {

  private final WorkbenchConfig config;

  public TaggerBenchmark(WorkbenchConfig config) {
    this.config = config;
  }

  public void run(Path corpus, List<Integer> batchSizes, int reps, int maxTexts) {
    List<String> texts = new ArrayList<>();
    for (Document d : PipelineBenchmark.read(corpus)) {
      if (texts.size() < maxTexts) {
        texts.add(d.text());
      }
    }
    Device device = EncoderModel.preferredDevice();
    double[] seconds = new double[batchSizes.size()];
    try (SpanTagger tagger = SpanTagger.open(TaggerSettings.from(config), device)) {
      System.out.printf(Locale.ROOT, "span tagger %s on %s: %d texts from %s, %d reps per batch size%n",
          tagger.describe(), device, texts.size(), corpus, reps);
      for (int size : batchSizes) {
        tagger.tag(texts, size); // warm-up: the first pass at a new shape pays for it
      }
      for (int rep = 0; rep < reps; rep++) {
        for (int i = 0; i < batchSizes.size(); i++) {
          long start = System.nanoTime();
          tagger.tag(texts, batchSizes.get(i));
          seconds[i] += (System.nanoTime() - start) / 1e9;
        }
      }
    }
    for (int i = 0; i < batchSizes.size(); i++) {
      System.out.printf(Locale.ROOT, "  batch %4d: %8.1f texts/s%n", batchSizes.get(i),
          texts.size() * reps / seconds[i]);
    }
  }
}
