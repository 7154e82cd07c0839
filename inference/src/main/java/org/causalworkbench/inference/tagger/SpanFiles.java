package org.causalworkbench.inference.tagger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.causalworkbench.inference.encoder.TrainingFiles;

/**
 * Reads the grouped span format of {@code ../shared/data/causal} (Causal News Corpus subtask 2,
 * UniCausal's {@code grouped/} files): one row per text, {@code causal_text_w_pairs} a Python list
 * of the text tagged once per relation, {@code num_rs} their count. A text without relations is an
 * example too (the tagger learns to tag nothing). Rows whose tags do not reproduce the text are
 * skipped.
 */
public final class SpanFiles {

  private SpanFiles() {}

  /**
   * @param rows the CSV's rows (header first), each a list of fields
   */
  /** Whether a table (header first) is a grouped span file rather than labelled texts or pairs. */
  public static boolean isGrouped(List<List<String>> rows) {
    return !rows.isEmpty() && rows.get(0).stream().anyMatch(h -> h.strip().equals("causal_text_w_pairs"));
  }

  public static List<SpanExample> parse(List<List<String>> rows, String source) {
    List<String> header = rows.get(0).stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
    int text = header.indexOf("text");
    int tagged = header.indexOf("causal_text_w_pairs");
    if (text < 0 || tagged < 0) {
      throw new IllegalArgumentException(source + " is not in the grouped span format: it needs the columns text and"
          + " causal_text_w_pairs (Causal News Corpus *_subtask2_grouped.csv, UniCausal grouped/*.csv); found " + header);
    }
    Map<String, List<SpanRelation>> byText = new LinkedHashMap<>();
    boolean signals = false;
    for (List<String> row : rows.subList(1, rows.size())) {
      if (row.size() != header.size()) {
        continue;
      }
      String plain = row.get(text);
      List<SpanRelation> relations = byText.computeIfAbsent(plain, t -> new ArrayList<>());
      for (String relation : TrainingFiles.pythonStrings(row.get(tagged))) {
        TaggedText.Parsed parsed = TaggedText.parse(relation);
        if (parsed == null || !parsed.text().equals(plain)) {
          continue;
        }
        signals |= !parsed.relation().signals().isEmpty();
        if (relations.stream().noneMatch(r -> r.sameArguments(parsed.relation()))) {
          relations.add(parsed.relation());
        }
      }
    }
    List<SpanExample> out = new ArrayList<>(byText.size());
    for (Map.Entry<String, List<SpanRelation>> e : byText.entrySet()) {
      out.add(new SpanExample(e.getKey(), e.getValue(), signals, source));
    }
    return out;
  }
}
