package org.causalworkbench.app.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.metrics.Confusion;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Relation;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.extraction.annotate.SentenceAnnotator;
import org.causalworkbench.inference.eval.SpanScorer;
import org.causalworkbench.inference.eval.SpanScores;
import org.causalworkbench.inference.judge.CausalExtractor;
import org.causalworkbench.inference.judge.UnitRelations;
import org.causalworkbench.inference.tagger.SpanExample;
import org.causalworkbench.inference.tagger.SpanRelation;
import org.causalworkbench.inference.tagger.TaggedText;

/**
 * Runs an extractor over labelled span data the way the job reads text (CoreNLP sentences, the whole
 * text as one unit) and scores its relations against the gold spans with {@link SpanScorer}. Texts
 * without gold relations are not read: whether a text states a relation at all is the gate's
 * question, scored by the gate evaluation. Every relation the extractor gives counts, hedged or
 * negated ones too (the spans are what is scored); relations it could not place in the text do not.
 */
public final class ExtractionEvaluation {

  /** Resamples of the F1 bootstrap, and their seed, so a report is reproducible. */
  static final int BOOTSTRAP_RESAMPLES = 2000;
  static final long BOOTSTRAP_SEED = 17;

  private final CausalExtractor extractor;
  private final SentenceAnnotator annotator;
  private final int batchSize;
  private final PrintStream progress;

  public ExtractionEvaluation(CausalExtractor extractor, SentenceAnnotator annotator, int batchSize,
      PrintStream progress) {
    this.extractor = extractor;
    this.annotator = annotator;
    this.batchSize = Math.max(1, batchSize);
    this.progress = progress;
  }

  /**
   * @param files each data file's name and its examples
   * @param predictions where to write each text's gold and predicted relations (JSONL), or null
   */
  public ExtractionReport run(Map<String, List<SpanExample>> files, Path predictions) throws IOException {
    long start = System.nanoTime();
    List<SpanScorer.Row> all = new ArrayList<>();
    Map<String, SpanScores> corpora = new TreeMap<>();
    Map<String, Integer> failures = new TreeMap<>();
    long calls = 0;
    int units = 0;
    for (Map.Entry<String, List<SpanExample>> file : files.entrySet()) {
      List<SpanExample> causal = file.getValue().stream().filter(e -> !e.relations().isEmpty()).toList();
      List<SpanScorer.Row> rows = new ArrayList<>();
      for (int i = 0; i < causal.size(); i += batchSize) {
        List<SpanExample> part = causal.subList(i, Math.min(causal.size(), i + batchSize));
        List<Unit> batch = part.stream().map(this::unit).toList();
        List<UnitRelations> found = extractor.extract(batch);
        for (int j = 0; j < part.size(); j++) {
          UnitRelations r = found.get(j);
          calls += r.llmCalls();
          if (r.failure() != null) {
            failures.merge(r.failure(), 1, Integer::sum);
          }
          rows.add(new SpanScorer.Row(part.get(j).text(), part.get(j).relations(), predicted(r)));
        }
        units += part.size();
        if (progress != null) {
          progress.printf(Locale.ROOT, "\r%s: %d/%d texts, %.1f texts/s", file.getKey(), Math.min(causal.size(),
              i + batchSize), causal.size(), units / Math.max(1e-9, (System.nanoTime() - start) / 1e9));
        }
      }
      if (progress != null) {
        progress.println();
      }
      corpora.put(file.getKey(), SpanScores.of(SpanScorer.score(rows)));
      all.addAll(rows);
    }
    if (predictions != null) {
      writePredictions(all, predictions);
    }
    SpanScorer.Result result = SpanScorer.score(all);
    SpanScores scores = SpanScores.of(result);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new ExtractionReport(extractor.id(), extractor.version(), String.join(", ", files.keySet()), scores.n(),
        scores.overall(), scores.cause(), scores.effect(), scores.signal(),
        Confusion.f1Interval(result.perText(), 0.95, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED), corpora,
        Math.round(seconds * 100) / 100.0, Math.round(units / Math.max(1e-9, seconds) * 100) / 100.0, calls, failures);
  }

  private static void writePredictions(List<SpanScorer.Row> rows, Path file) throws IOException {
    Json json = new Json();
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (SpanScorer.Row row : rows) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("text", row.text());
        line.put("gold", row.gold().stream().map(r -> TaggedText.write(row.text(), r)).toList());
        line.put("predicted", row.predicted().stream().map(r -> String.format(Locale.ROOT, "%.3f ", r.probability())
            + TaggedText.write(row.text(), r)).toList());
        out.write(new String(json.write(line), StandardCharsets.UTF_8));
        out.newLine();
      }
    }
  }

  /** The text annotated as the job would, read as one unit however many sentences CoreNLP finds. */
  private Unit unit(SpanExample e) {
    Document document = new Document(ContentIds.documentId(e.text()), "eval", "", e.text(), Map.of());
    return Unit.of(document.id(), annotator.annotate(document));
  }

  /** The extractor's located relations in the original text's offsets, most probable first. */
  static List<SpanRelation> predicted(UnitRelations found) {
    Unit unit = found.unit();
    List<SpanRelation> out = new ArrayList<>();
    for (Relation r : found.relations()) {
      if (!r.located()) {
        continue;
      }
      List<Span> signals = r.signal() == null ? List.of() : List.of(documentSpan(unit, r.signal()));
      out.add(new SpanRelation(documentSpan(unit, r.cause()), documentSpan(unit, r.effect()), signals,
          r.probability()));
    }
    out.sort(Comparator.comparingDouble(SpanRelation::probability).reversed());
    return out;
  }

  private static Span documentSpan(Unit unit, Span s) {
    return unit.documentSpan(s.begin(), s.end());
  }

  public static void print(ExtractionReport r, PrintStream out) {
    out.printf(Locale.ROOT, "%s (%s) on %s: %d texts with relations%n", r.extractor(), r.version(), r.data(), r.n());
    out.printf(Locale.ROOT, "  overall  P %.4f  R %.4f  F1 %.4f  (95%% interval %.4f to %.4f)%n", r.overall().precision(),
        r.overall().recall(), r.overall().f1(), r.f1Interval().lower(), r.f1Interval().upper());
    out.printf(Locale.ROOT, "  cause    P %.4f  R %.4f  F1 %.4f%n", r.cause().precision(), r.cause().recall(),
        r.cause().f1());
    out.printf(Locale.ROOT, "  effect   P %.4f  R %.4f  F1 %.4f%n", r.effect().precision(), r.effect().recall(),
        r.effect().f1());
    out.printf(Locale.ROOT, "  signal   P %.4f  R %.4f  F1 %.4f%n", r.signal().precision(), r.signal().recall(),
        r.signal().f1());
    if (r.corpora().size() > 1) {
      r.corpora().forEach((file, s) -> out.printf(Locale.ROOT, "  %-28s %s%n", file, s));
    }
    out.printf(Locale.ROOT, "  %.1f s, %.2f texts/s, %d llm calls%s%n", r.seconds(), r.unitsPerSecond(), r.llmCalls(),
        r.failures().isEmpty() ? "" : ", failures " + r.failures());
  }

}
