package org.causalworkbench.graph.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Graphviz DOT: a digraph whose edges are labelled with their belief, drawn thicker the stronger
 * they are, dashed while unreviewed or flagged, red when rejected.
 */
public final class DotExporter implements GraphExporter {

  @Override
  public String format() {
    return "dot";
  }

  @Override
  public List<Path> write(GraphSnapshot graph, Path out) throws IOException {
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("digraph causal_graph {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n");
      for (GraphSnapshot.Node n : graph.nodes()) {
        w.write("  v" + n.id() + " [label=" + quote(n.name()) + "];\n");
      }
      for (GraphSnapshot.Edge e : graph.edges()) {
        String style = e.state().equals("accepted") ? "solid" : "dashed";
        String color = e.state().equals("rejected") ? "red" : e.flags().isEmpty() ? "black" : "darkorange";
        // The arrowhead says the polarity: a plain arrow raises the effect, a bar lowers it.
        String head = switch (e.polarity()) {
          case "increases" -> "normal";
          case "decreases" -> "tee";
          default -> "empty";
        };
        w.write(String.format(Locale.ROOT, "  v%d -> v%d [label=\"%.2f\", penwidth=%.1f, style=%s, color=%s,"
                + " arrowhead=%s, tooltip=%s];%n", e.causeId(), e.effectId(), e.belief(), 1 + 4 * e.belief(), style,
            color, head,
            quote(e.state() + (e.flags().isEmpty() ? "" : " " + String.join(",", e.flags())))));
      }
      w.write("}\n");
    }
    return List.of(out);
  }

  /** A DOT double-quoted string: backslashes, quotes and line breaks escaped. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "") + "\"";
  }
}
