package org.causalworkbench.graph.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Two RFC 4180 CSV files: the edges ({@code out}) and their evidence ({@code out} with
 * {@code -evidence} before the extension), joined by {@code edge_id}.
 */
public final class CsvExporter implements GraphExporter {

  @Override
  public String format() {
    return "csv";
  }

  /** Where the evidence file of an edges file {@code out} goes. */
  public static Path evidenceFile(Path out) {
    String name = out.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return out.resolveSibling(base + "-evidence" + (dot > 0 ? name.substring(dot) : ".csv"));
  }

  @Override
  public List<Path> write(GraphSnapshot graph, Path out) throws IOException {
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      row(w, "edge_id", "cause", "effect", "belief", "state", "flags", "evidence_count", "document_count", "polarity");
      for (GraphSnapshot.Edge e : graph.edges()) {
        row(w, Long.toString(e.id()), e.cause(), e.effect(), String.format(Locale.ROOT, "%.6f", e.belief()), e.state(),
            String.join(",", e.flags()), Integer.toString(e.evidenceCount()), Integer.toString(e.documentCount()),
            e.polarity());
      }
    }
    Path evidence = evidenceFile(out);
    try (Writer w = Files.newBufferedWriter(evidence, StandardCharsets.UTF_8)) {
      row(w, "evidence_id", "edge_id", "document_id", "sentences", "label", "probability", "judge", "cause_text",
          "effect_text", "text", "explanation", "run_id");
      for (GraphSnapshot.Evidence v : graph.evidence()) {
        row(w, v.id(), Long.toString(v.edgeId()), v.documentId(),
            v.sentences().stream().map(String::valueOf).collect(Collectors.joining(" ")), v.label(),
            String.format(Locale.ROOT, "%.6f", v.probability()), v.judge(), v.causeText(), v.effectText(), v.text(),
            v.explanation(), v.run() == null ? "" : v.run());
      }
    }
    return List.of(out, evidence);
  }

  private static void row(Writer w, String... fields) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        w.write(',');
      }
      String f = fields[i] == null ? "" : fields[i];
      boolean quote = f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0;
      w.write(quote ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
    }
    w.write("\r\n");
  }
}
