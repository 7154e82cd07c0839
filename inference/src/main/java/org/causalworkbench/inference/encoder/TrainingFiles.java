package org.causalworkbench.inference.encoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the labelled formats of {@code ../shared/data/causal}, told apart by their header:
 * <ul>
 *   <li>UniCausal pairs ({@code text_w_pairs}, {@code pair_label}, optionally {@code seq_label}):
 *       one pair example per row, and one text example per distinct {@code text} with its
 *       {@code seq_label};
 *   <li>Causal News Corpus detection ({@code text}, {@code label}): one text example per row;
 *   <li>grouped spans ({@code causal_text_w_pairs}, {@code num_rs}): a text example per row
 *       (causal when it has relations) and, for each tagged relation, ARG0 → ARG1 as a causal pair
 *       and ARG1 → ARG0 as a non-causal one.
 * </ul>
 * Duplicates (the same text, or the same pair with the same label) are kept once.
 */
public final class TrainingFiles {

  private TrainingFiles() {}

  /**
   * @param rows the CSV's rows (header first), each a list of fields, from the caller's CSV reader
   */
  public static List<PairExample> parse(List<List<String>> rows, String source) {
    List<String> header = rows.get(0).stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
    Map<String, PairExample> out = new LinkedHashMap<>();
    if (header.contains("text_w_pairs") && header.contains("pair_label")) {
      UniCausalPairs.parse(rows, source).forEach(e -> add(out, e));
      int text = header.indexOf("text");
      int seq = header.indexOf("seq_label");
      if (text >= 0 && seq >= 0) {
        for (List<String> row : body(rows, header)) {
          add(out, PairExample.detection(row.get(text), "1".equals(row.get(seq).strip()), source));
        }
      }
    } else if (header.contains("causal_text_w_pairs") && header.contains("text")) {
      int text = header.indexOf("text");
      int tagged = header.indexOf("causal_text_w_pairs");
      for (List<String> row : body(rows, header)) {
        List<String> relations = pythonStrings(row.get(tagged));
        add(out, PairExample.detection(row.get(text), !relations.isEmpty(), source));
        for (String relation : relations) {
          PairExample e = UniCausalPairs.untag(relation, true, source);
          if (e != null) {
            add(out, e);
            add(out, new PairExample(e.text(), e.effectBegin(), e.effectEnd(), e.causeBegin(), e.causeEnd(), false,
                source));
          }
        }
      }
    } else if (header.contains("text") && header.contains("label")) {
      int text = header.indexOf("text");
      int label = header.indexOf("label");
      for (List<String> row : body(rows, header)) {
        add(out, PairExample.detection(row.get(text), "1".equals(row.get(label).strip()), source));
      }
    } else {
      throw new IllegalArgumentException(source + " is in no known training format: expected the columns"
          + " text_w_pairs and pair_label (UniCausal pairs), causal_text_w_pairs and text (grouped spans), or text"
          + " and label (detection); found " + header);
    }
    return new ArrayList<>(out.values());
  }

  private static List<List<String>> body(List<List<String>> rows, List<String> header) {
    return rows.subList(1, rows.size()).stream().filter(r -> r.size() == header.size()).toList();
  }

  private static void add(Map<String, PairExample> out, PairExample e) {
    String key = e.isDetection() ? "text|" + e.text()
        : e.causeBegin() + ":" + e.causeEnd() + ">" + e.effectBegin() + ":" + e.effectEnd() + "|" + e.text();
    out.putIfAbsent(key, e);
  }

  /** The strings of a Python list literal such as {@code ['a', "b's"]}, with escapes undone. */
  public static List<String> pythonStrings(String literal) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < literal.length()) {
      char quote = literal.charAt(i);
      if (quote != '\'' && quote != '"') {
        i++;
        continue;
      }
      StringBuilder s = new StringBuilder();
      i++;
      while (i < literal.length() && literal.charAt(i) != quote) {
        char c = literal.charAt(i);
        if (c == '\\' && i + 1 < literal.length()) {
          char next = literal.charAt(++i);
          s.append(switch (next) {
            case 'n' -> '\n';
            case 't' -> '\t';
            default -> next;
          });
        } else {
          s.append(c);
        }
        i++;
      }
      out.add(s.toString());
      i++;
    }
    return out;
  }
}
