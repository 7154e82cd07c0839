package org.causalworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.causalworkbench.inference.encoder.EnsembleSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./workbench train --members}: two encoders trained here on a labelled file of ours,
 * combined on their held-out part, and refused on another split.
 */
class TrainEnsembleCommandTest {

  @TempDir Path dir;

  private final AtomicReference<Exception> failure = new AtomicReference<>();

  private int run(String... args) {
    failure.set(null);
    return new CommandLine(new WorkbenchCli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
      failure.set(e);
      return 1;
    }).execute(args);
  }

  @Test
  void membersAreCombinedOnTheirHeldOutPartAndWrittenAsAMovableEnsemble() throws Exception {
    List<String> first = new ArrayList<>(List.of("index,text,label"));
    List<String> second = new ArrayList<>(List.of("index,text,label"));
    String[] causes = {"Heavy snow", "The drought", "A power cut", "The strike", "The fire", "The storm"};
    String[] effects = {"the road closure", "the famine", "the shutdown", "long delays", "the evacuation", "flooding"};
    for (int i = 0; i < causes.length; i++) {
      List<String> rows = i < 3 ? first : second;
      rows.add(i + ",\"" + causes[i] + " led to " + effects[i] + " in the town.\",1");
      rows.add((i + 10) + ",\"" + causes[i] + " was reported on the same day as " + effects[i] + ".\",0");
    }
    Path a = dir.resolve("ours_a_train.csv");
    Path b = dir.resolve("ours_b_train.csv");
    Files.write(a, first);
    Files.write(b, second);
    String dataDir = dir.resolve("data").toString();
    for (String[] member : new String[][] {{"a", "1e-4"}, {"b", "3e-4"}}) {
      assertEquals(0, run("train", "--data-dir", dataDir, "--data", a.toString(), b.toString(), "--seed", "3",
          "--held-out", "0.5", "--epochs", "1", "--layers-tuned", "1", "--max-length", "32", "--lr", member[1],
          "--out", dir.resolve(member[0]).toString()), () -> String.valueOf(failure.get()));
    }
    Path out = dir.resolve("ensemble");
    String[] members = {"--members", "all-MiniLM-L6-v2=" + dir.resolve("a"), "all-MiniLM-L6-v2=" + dir.resolve("b")};

    assertEquals(1, run(concat(new String[] {"train", "--data-dir", dataDir, "--data", a.toString(), b.toString(),
        "--seed", "4", "--held-out", "0.5", "--max-length", "32", "--out", out.toString()}, members)));
    assertTrue(failure.get().getMessage().contains("with the same --seed"), failure.get().getMessage());
    assertEquals(1, run(concat(new String[] {"train", "--data-dir", dataDir, "--data", b.toString(), a.toString(),
        "--seed", "3", "--held-out", "0.5", "--max-length", "32", "--out", out.toString()}, members)),
        "the same files in another order hold out other texts");
    assertTrue(failure.get().getMessage().contains("in the same order"), failure.get().getMessage());
    assertEquals(1, run(concat(new String[] {"train", "--data-dir", dataDir, "--data", a.toString(), b.toString(),
        "--seed", "3", "--held-out", "0.5", "--init-from", dir.resolve("a").toString(), "--out", out.toString()},
        members)));
    assertTrue(failure.get().getMessage().contains("trains nothing"), failure.get().getMessage());

    assertEquals(0, run(concat(new String[] {"train", "--data-dir", dataDir, "--data", a.toString(), b.toString(),
        "--seed", "3", "--held-out", "0.5", "--max-length", "32", "--out", out.toString()}, members)),
        () -> String.valueOf(failure.get()));
    EnsembleSpec spec = EnsembleSpec.read(out);
    assertEquals(List.of("../a", "../b"), spec.members().stream().map(EnsembleSpec.Member::weights).toList(),
        "weights are written relative to the ensemble's folder");
    assertEquals(32, spec.maxLength());
    assertEquals(3, spec.seed());
    assertEquals(6, spec.heldOut().get("ensemble texts").n(), "half of the 12 texts are held out");
    assertTrue(spec.heldOut().containsKey("member 2 (all-MiniLM-L6-v2) texts"), spec.heldOut().toString());
    assertTrue(spec.detectionThreshold() > 0 && spec.detectionThreshold() < 1);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
