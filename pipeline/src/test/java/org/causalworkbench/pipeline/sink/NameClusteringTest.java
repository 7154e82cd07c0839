package org.causalworkbench.pipeline.sink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default clustering thresholds against the job's own name embeddings: a more specified name
 * joins its general form, near-synonyms join, and names that specify different things stay apart.
 */
class NameClusteringTest {

  @TempDir static Path dir;
  static EncoderNameEmbedder embedder;
  static double nested;
  static double sibling;

  @BeforeAll
  static void open() {
    WorkbenchConfig config = WorkbenchConfig.defaults().with(WorkbenchOptions.DATA_DIR, dir.toString());
    embedder = new EncoderNameEmbedder(config);
    nested = config.getDouble(WorkbenchOptions.VARIABLE_SIMILARITY);
    sibling = config.getDouble(WorkbenchOptions.VARIABLE_SIBLING_SIMILARITY);
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  private static double cosine(String a, String b) {
    List<float[]> v = embedder.embed(List.of(a, b));
    double dot = 0;
    for (int i = 0; i < v.get(0).length; i++) {
      dot += v.get(0)[i] * v.get(1)[i];
    }
    return dot;
  }

  @Test
  void specifiedVariablesStayApartAndSynonymsMeet() {
    assertTrue(cosine("psychiatric disorder risk", "colorectal cancer risk") < sibling, "two risks, two variables");
    assertTrue(cosine("lung cancer risk", "colorectal cancer risk") < sibling, "two cancers, two variables");
    assertTrue(cosine("interest rate", "birth rate") < sibling);
    assertTrue(cosine("cigarette smoking", "smoking") >= nested, "a specified form joins the general one");
    assertTrue(cosine("childhood obesity", "child obesity") >= sibling, "near-synonyms meet");
  }
}
