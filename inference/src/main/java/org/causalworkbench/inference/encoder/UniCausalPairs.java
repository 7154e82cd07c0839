package org.causalworkbench.inference.encoder;

import java.util.ArrayList;
import java.util.List;

/**
 * The UniCausal pair format: {@code text_w_pairs} holds the sentence with {@code <ARG0>} (the
 * candidate cause) and {@code <ARG1>} (the candidate effect) tags, {@code pair_label} is 1 when
 * ARG0 causes ARG1. Rows without both tags are skipped.
 */
public final class UniCausalPairs {

  private UniCausalPairs() {}

  /**
   * @param rows the CSV's rows (header first), each a list of fields, from the caller's CSV reader
   */
  public static List<PairExample> parse(List<List<String>> rows, String source) {
    List<String> header = rows.get(0);
    int tagged = header.indexOf("text_w_pairs");
    int label = header.indexOf("pair_label");
    if (tagged < 0 || label < 0) {
      throw new IllegalArgumentException(source + " is not in the UniCausal pair format: it needs the columns"
          + " text_w_pairs and pair_label (found " + header + ")");
    }
    List<PairExample> out = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      if (row.size() != header.size()) {
        continue;
      }
      PairExample e = untag(row.get(tagged), "1".equals(row.get(label).strip()), source);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /** Removes the four tags and records where ARG0 and ARG1 stand in the untagged text. */
  public static PairExample untag(String tagged, boolean causal, String source) {
    StringBuilder text = new StringBuilder();
    int[] spans = {-1, -1, -1, -1};
    int i = 0;
    while (i < tagged.length()) {
      if (tagged.startsWith("<ARG0>", i)) {
        spans[0] = text.length();
        i += 6;
      } else if (tagged.startsWith("</ARG0>", i)) {
        spans[1] = text.length();
        i += 7;
      } else if (tagged.startsWith("<ARG1>", i)) {
        spans[2] = text.length();
        i += 6;
      } else if (tagged.startsWith("</ARG1>", i)) {
        spans[3] = text.length();
        i += 7;
      } else if (tagged.startsWith("<SIG", i) || tagged.startsWith("</SIG", i)) {
        i = tagged.indexOf('>', i) + 1;
      } else {
        text.append(tagged.charAt(i++));
      }
    }
    for (int s : spans) {
      if (s < 0) {
        return null;
      }
    }
    if (spans[1] <= spans[0] || spans[3] <= spans[2]) {
      return null;
    }
    return new PairExample(text.toString(), spans[0], spans[1], spans[2], spans[3], causal, source);
  }
}
