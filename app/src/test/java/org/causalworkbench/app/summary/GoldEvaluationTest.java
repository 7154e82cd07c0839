package org.causalworkbench.app.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.causalworkbench.graph.query.GraphQueries.EdgeInDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldEvaluationTest {

  @TempDir Path dir;

  private static EdgeInDocument produced(String cause, String effect, String source, String externalId) {
    return new EdgeInDocument(cause, effect, "d", source, externalId, 0.7);
  }

  @Test
  void namesMatchWhenOneQualifiesTheOther() {
    assertTrue(GoldEvaluation.namesMatch("drought", "severe drought"));
    assertTrue(GoldEvaluation.namesMatch("crop yield", "yield"));
    assertFalse(GoldEvaluation.namesMatch("drought", "droughtiness"));
    assertFalse(GoldEvaluation.namesMatch("lung cancer", "lung cancer incidence"));
  }

  @Test
  void documentsAreKeyedByJsonlIdOrFileName() {
    assertEquals("a.txt", GoldEvaluation.documentKey(produced("x", "y", "/corpus/health/a.txt", null)));
    assertEquals("j-1", GoldEvaluation.documentKey(produced("x", "y", "/corpus/extra.jsonl:3", "j-1")));
    assertEquals("rows.csv", GoldEvaluation.documentKey(produced("x", "y", "/corpus/rows.csv:12", "")));
  }

  @Test
  void scoresPrecisionRecallPerKindAndNonEdges() throws IOException {
    Path gold = dir.resolve("gold.csv");
    Files.writeString(gold, "document,cause,effect,kind\n"
        + "a.txt,drought,famine,explicit\n"
        + "a.txt,famine,migration,reversed\n"
        + "j-1,rain,flood,cross_sentence\n");
    Path nonEdges = dir.resolve("non.csv");
    Files.writeString(nonEdges, "document,cause,effect,kind\na.txt,vaccine,autism,negated\n");
    List<EdgeInDocument> produced = List.of(
        produced("severe drought", "famine", "/c/a.txt", null),  // right
        produced("migration", "famine", "/c/a.txt", null),       // wrong direction
        produced("rain", "flood", "/c/b.txt", null),             // a document the gold does not describe: not scored
        produced("vaccine", "autism", "/c/a.txt", null));        // a stated non-edge
    GoldScore score = GoldEvaluation.score(gold, nonEdges, produced, 0.5);
    assertEquals(3, score.produced());
    assertEquals(1, score.correct());
    assertEquals(1, score.found());
    assertEquals(0.333, score.precision());
    assertEquals(0.333, score.recall());
    assertEquals(Map.of("cross_sentence", 0.0, "explicit", 1.0, "reversed", 0.0), score.recallByKind());
    assertEquals(1, score.nonEdgesProduced());
  }
}
