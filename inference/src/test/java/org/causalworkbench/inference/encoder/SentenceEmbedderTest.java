package org.causalworkbench.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentenceEmbedderTest {

  @TempDir Path dir;

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void namesOfOneThingAreCloserThanNamesOfOthers() {
    try (SentenceEmbedder embedder = SentenceEmbedder.fromConfig(
        WorkbenchConfig.defaults().with(WorkbenchOptions.DATA_DIR, dir.toString()))) {
      List<String> names = List.of("smoking", "cigarette smoking", "tobacco smoking", "smoking ban", "interest rate",
          "birth rate", "rainfall", "heavy rainfall", "flood");
      List<float[]> v = embedder.embed(names);
      assertEquals(384, v.get(0).length);
      assertEquals(1.0, dot(v.get(0), v.get(0)), 1e-4, "unit length");
      StringBuilder table = new StringBuilder();
      for (int i = 1; i < names.size(); i++) {
        table.append(String.format("%s~%s %.3f; ", names.get(0), names.get(i), dot(v.get(0), v.get(i))));
      }
      table.append(String.format("interest rate~birth rate %.3f; rainfall~heavy rainfall %.3f",
          dot(v.get(4), v.get(5)), dot(v.get(6), v.get(7))));
      System.out.println("name similarities: " + table);
      assertTrue(dot(v.get(0), v.get(1)) > dot(v.get(0), v.get(4)), table.toString());
      assertTrue(dot(v.get(6), v.get(7)) > dot(v.get(6), v.get(4)), table.toString());
    }
  }
}
