package org.causalworkbench.app.summary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A gold list of causal edges: CSV with header {@code document,cause,effect,kind}, where document is
 * a file name or a JSONL {@code id} and cause/effect are variable names as the workbench writes them.
 */
public record GoldEdges(List<Edge> edges) {

  /** One gold edge. */
  public record Edge(String document, String cause, String effect, String kind) {}

  public static GoldEdges read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<Edge> edges = new ArrayList<>();
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length < 3) {
          throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected document,cause,effect[,kind]");
        }
        edges.add(new Edge(f[0].strip(), norm(f[1]), norm(f[2]), f.length > 3 ? f[3].strip() : ""));
      }
      return new GoldEdges(List.copyOf(edges));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read gold file " + file + ": " + e.getMessage(), e);
    }
  }

  static String norm(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }
}
