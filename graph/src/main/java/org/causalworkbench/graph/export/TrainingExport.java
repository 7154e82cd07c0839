package org.causalworkbench.graph.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.causalworkbench.graph.store.StoreException;

/**
 * The analysts' decisions as labelled data the span tagger trains on ({@code ./workbench train
 * --task extract --data FILE}): the grouped span format of Causal News Corpus subtask 2 ({@code
 * text}, {@code causal_text_w_pairs} a Python list of the text tagged once per relation with
 * {@code <ARG0>} cause, {@code <ARG1>} effect, {@code <SIG0>} signal, {@code num_rs}). A sentence
 * found right (or unreviewed on an accepted edge) is a relation; one whose edge was reversed is the
 * relation the other way; one found not causal, only hypothesised or negated (or unreviewed on an
 * edge rejected for those reasons) is a text with no relation, unless the same text holds a
 * relation found right. A wrong variable says the span is wrong but not where the right one is, so
 * it is left out, as are reviews carried onto reprocessed evidence (their originals are there).
 */
public final class TrainingExport {

  /** What one export wrote. */
  public record Written(int texts, int relations, int negatives) {}

  private static final String SQL = "SELECT d.id, substr(d.text, u.b + 1, u.e - u.b), v.cause_begin - u.b,"
      + " v.cause_end - u.b, v.effect_begin - u.b, v.effect_end - u.b, v.signal_begin - u.b, v.signal_end - u.b,"
      + " CASE WHEN v.review = 'accepted' OR v.review IS NULL AND e.review_state = 'accepted' THEN 'relation'"
      + "   WHEN v.review = 'reversed' THEN 'reversed'"
      + "   WHEN (v.review = 'rejected' AND v.reject_reason IS DISTINCT FROM 'wrong_variable')"
      + "     OR (v.review IS NULL AND e.review_state = 'rejected' AND e.reject_reason IS DISTINCT FROM 'wrong_variable')"
      + "     THEN 'none' END AS decision"
      + " FROM evidence v JOIN edges e ON e.id = v.edge_id JOIN documents d ON d.id = v.document_id,"
      + " LATERAL (SELECT min(s.begin_offset) AS b, max(s.end_offset) AS e FROM sentences s"
      + "   WHERE s.document_id = v.document_id AND s.idx = ANY (v.sentence_indexes)) u"
      + " WHERE v.review_carried_from IS NULL AND v.cause_begin >= 0 AND v.effect_begin >= 0"
      + " AND (v.review IS NOT NULL OR e.review_state IN ('accepted', 'rejected'))"
      + " ORDER BY d.id, u.b, v.id";

  private TrainingExport() {}

  public static Written write(DataSource dataSource, Path out) throws IOException {
    Map<String, List<String>> relations = new LinkedHashMap<>();
    int negatives = 0;
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SQL);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        String decision = rs.getString(9);
        String text = rs.getString(2);
        if (decision == null || text == null) {
          continue;
        }
        List<String> tagged = relations.computeIfAbsent(text, t -> new ArrayList<>());
        if (decision.equals("none")) {
          negatives++;
          continue;
        }
        boolean reversed = decision.equals("reversed");
        int[] cause = {rs.getInt(3), rs.getInt(4)};
        int[] effect = {rs.getInt(5), rs.getInt(6)};
        int[] signal = rs.getObject(7) == null ? null : new int[] {rs.getInt(7), rs.getInt(8)};
        String relation = tag(text, reversed ? effect : cause, reversed ? cause : effect, signal);
        if (relation != null && !tagged.contains(relation)) {
          tagged.add(relation);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the reviewed evidence", e);
    }
    int count = 0;
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("text,causal_text_w_pairs,num_rs\n");
      for (Map.Entry<String, List<String>> e : relations.entrySet()) {
        StringBuilder list = new StringBuilder("[");
        for (String t : e.getValue()) {
          list.append(list.length() > 1 ? ", " : "").append('\'').append(t.replace("\\", "\\\\").replace("'", "\\'"))
              .append('\'');
        }
        list.append(']');
        w.write(csv(e.getKey()) + "," + csv(list.toString()) + "," + e.getValue().size() + "\n");
        count += e.getValue().size();
      }
    }
    return new Written(relations.size(), count, negatives);
  }

  /**
   * The text with the cause, effect and (when apart from both) signal wrapped in their tags; null
   * when cause and effect overlap or fall outside the text.
   */
  static String tag(String text, int[] cause, int[] effect, int[] signal) {
    for (int[] span : new int[][] {cause, effect}) {
      if (span[0] < 0 || span[1] > text.length() || span[0] >= span[1]) {
        return null;
      }
    }
    if (cause[0] < effect[1] && effect[0] < cause[1]) {
      return null;
    }
    List<int[]> spans = new ArrayList<>(List.of(new int[] {cause[0], cause[1], 0}, new int[] {effect[0], effect[1], 1}));
    if (signal != null && signal[0] >= 0 && signal[1] <= text.length() && signal[0] < signal[1]
        && spans.stream().noneMatch(x -> signal[0] < x[1] && x[0] < signal[1])) {
      spans.add(new int[] {signal[0], signal[1], 2});
    }
    spans.sort((a, b) -> Integer.compare(a[0], b[0]));
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (int[] x : spans) {
      String name = x[2] == 0 ? "ARG0" : x[2] == 1 ? "ARG1" : "SIG0";
      out.append(text, at, x[0]).append('<').append(name).append('>').append(text, x[0], x[1]).append("</")
          .append(name).append('>');
      at = x[1];
    }
    return out.append(text.substring(at)).toString();
  }

  private static String csv(String field) {
    return "\"" + field.replace("\"", "\"\"") + "\"";
  }
}
