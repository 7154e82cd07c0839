package org.causalworkbench.app.summary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.causalworkbench.core.metrics.Confusion;
import org.causalworkbench.graph.query.GraphQueries.EdgeInDocument;

/**
 * Scores produced edges against gold edges, over the documents the gold (edges and non-edges)
 * describes. A produced edge matches a gold edge of the same document when both names match:
 * equal, or one is the other with modifiers in front ("severe drought" matches "drought"), since
 * the gold names the variable and the text may qualify it.
 */
public final class GoldEvaluation {

  private GoldEvaluation() {}

  public static GoldScore score(Path goldFile, Path nonEdgeFile, List<EdgeInDocument> all, double minBelief) {
    List<GoldEdges.Edge> gold = GoldEdges.read(goldFile).edges();
    List<GoldEdges.Edge> nonEdges = nonEdgeFile != null && Files.exists(nonEdgeFile)
        ? GoldEdges.read(nonEdgeFile).edges() : List.of();
    // Only documents the gold describes can be scored: an edge of another document is neither right nor wrong.
    Set<String> covered = new HashSet<>();
    gold.forEach(g -> covered.add(g.document()));
    nonEdges.forEach(n -> covered.add(n.document()));
    List<EdgeInDocument> produced = all.stream().filter(p -> covered.contains(documentKey(p))).toList();
    int correct = 0;
    for (EdgeInDocument p : produced) {
      if (gold.stream().anyMatch(g -> matches(g, p))) {
        correct++;
      }
    }
    Set<GoldEdges.Edge> found = new HashSet<>();
    Map<String, int[]> byKind = new TreeMap<>();
    for (GoldEdges.Edge g : gold) {
      boolean hit = produced.stream().anyMatch(p -> matches(g, p));
      if (hit) {
        found.add(g);
      }
      int[] counts = byKind.computeIfAbsent(g.kind().isEmpty() ? "unspecified" : g.kind(), k -> new int[2]);
      counts[0]++;
      counts[1] += hit ? 1 : 0;
    }
    int nonEdgesProduced = (int) nonEdges.stream().filter(n -> produced.stream().anyMatch(p -> matches(n, p))).count();
    // Precision counts produced edges, recall gold edges: two confusions, one F1 of their P and R.
    double precision = new Confusion(correct, produced.size() - correct, 0, 0).precision();
    double recall = new Confusion(found.size(), 0, gold.size() - found.size(), 0).recall();
    double f1 = Confusion.f1(precision, recall);
    Map<String, Double> recallByKind = new TreeMap<>();
    byKind.forEach((kind, c) -> recallByKind.put(kind, round((double) c[1] / c[0])));
    return new GoldScore(goldFile.toString(), minBelief, produced.size(), correct, gold.size(), found.size(),
        round(precision), round(recall), round(f1), recallByKind, nonEdges.size(), nonEdgesProduced);
  }

  static boolean matches(GoldEdges.Edge gold, EdgeInDocument produced) {
    return gold.document().equals(documentKey(produced))
        && namesMatch(gold.cause(), produced.cause())
        && namesMatch(gold.effect(), produced.effect());
  }

  /** The key gold files use for a document: its JSONL id, else its file name. */
  static String documentKey(EdgeInDocument produced) {
    if (produced.externalId() != null && !produced.externalId().isBlank()) {
      return produced.externalId();
    }
    String source = produced.source();
    int colon = source.lastIndexOf(':');
    if (colon > 0 && source.substring(colon + 1).chars().allMatch(Character::isDigit)) {
      source = source.substring(0, colon);
    }
    return Path.of(source).getFileName().toString();
  }

  static boolean namesMatch(String gold, String produced) {
    return gold.equals(produced) || produced.endsWith(" " + gold) || gold.endsWith(" " + produced);
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
