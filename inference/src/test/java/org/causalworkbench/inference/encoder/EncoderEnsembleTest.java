package org.causalworkbench.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ensembles of fine-tuned encoders: fitted on the held-out part without training, written and read
 * back, and judged with as the average of their members. The fitting runs on two tiny TorchScript
 * encoders of ours trained here; the bundled ensemble on the shipped weights.
 */
class EncoderEnsembleTest {

  @TempDir Path dir;

  private static final List<String> CAUSAL = List.of("Heavy snow caused the closure.", "The drought caused the famine.",
      "A power cut caused the shutdown.", "The storm caused the flooding.", "The strike caused the delays.",
      "The fire caused the evacuation.");
  private static final List<String> OTHER = List.of("The mayor stood near the river.",
      "A blue car stood near the bakery.", "The museum stood near the harbour.", "The school stood near the park.",
      "The tower stood near the bridge.", "The farm stood near the forest.");

  private static List<PairExample> texts() {
    List<PairExample> examples = new ArrayList<>();
    CAUSAL.forEach(s -> examples.add(PairExample.detection(s, true, "ours.csv")));
    OTHER.forEach(s -> examples.add(PairExample.detection(s, false, "ours.csv")));
    return examples;
  }

  private WorkbenchConfig tinyConfig() throws Exception {
    Path fixture = Path.of(EncoderEnsembleTest.class.getResource("/torchscript/tiny-encoder.pt").toURI());
    return WorkbenchConfig.defaults()
        .with(WorkbenchOptions.ENCODER_MODEL, fixture.toString())
        .with(WorkbenchOptions.ENCODER_TOKENIZER, BundledEncoder.MINILM_L6.tokenizer(dir.resolve("tok")).toString())
        .with(WorkbenchOptions.ENCODER_HEADS, "2")
        .with(WorkbenchOptions.ENCODER_MAX_LENGTH, "16")
        .with(WorkbenchOptions.DATA_DIR, dir.resolve("data").toString());
  }

  private Path trainTiny(WorkbenchConfig config, long seed, String name) throws Exception {
    PretrainedEncoder base = PretrainedEncoder.fromConfig(config, dir.resolve("cache"));
    Path out = dir.resolve(name);
    new EncoderTrainer(new EncoderTrainer.Settings(seed, 4, 2, 4, 1e-2f, 16, 0.0, null, 1f), base,
        new PrintStream(OutputStream.nullOutputStream())).train(texts(), Map.of(), out);
    return out;
  }

  @Test
  void anEnsembleIsFittedOnTheHeldOutTextsAndJudgesWithItsMembersAverage() throws Exception {
    WorkbenchConfig config = tinyConfig();
    Path a = trainTiny(config, 7, "member-a");
    Path b = trainTiny(config, 11, "member-b");
    String model = config.get(WorkbenchOptions.ENCODER_MODEL);
    List<EnsembleSpec.Member> specs = List.of(new EnsembleSpec.Member(model, a.toString()),
        new EnsembleSpec.Member(model, b.toString()));

    List<PairExample> examples = texts();
    List<PairExample> heldOut = HeldOutSplit.of(examples, 5, 0.5).heldOut();
    double[] pa;
    double[] pb;
    EnsembleSpec spec;
    try (EncoderModel ma = EncoderEnsemble.openMember(specs.get(0), null, config, Device.cpu());
        EncoderModel mb = EncoderEnsemble.openMember(specs.get(1), null, config, Device.cpu())) {
      pa = ma.predict(heldOut, 4);
      pb = mb.predict(heldOut, 4);
      spec = new EnsembleFitter(5, 0.5, 4, 16, null).fit(specs, List.of(ma, mb), java.util.Arrays.asList(null, null),
          examples, Map.of("ours-test.csv texts", examples));
    }
    assertNotEquals(pa[0], pb[0], "the two members should differ, or averaging tests nothing");
    double[] mean = new double[pa.length];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = (pa[i] + pb[i]) / 2;
    }
    assertEquals(Calibration.bestThreshold(mean, heldOut, 0.5f), spec.detectionThreshold());
    assertEquals(TrainingReport.Scores.of(mean, heldOut, spec.detectionThreshold()), spec.heldOut().get("ensemble texts"));
    assertEquals(heldOut.size(), spec.heldOut().get("member 1 (tiny-encoder.pt) texts").n());
    assertEquals(Map.of("ours.csv (texts)", heldOut.size()), spec.heldOutData());

    // Written with relative weights, read back, and opened as the judge's model.
    Path folder = dir.resolve("ensemble");
    Files.createDirectories(folder);
    new EnsembleSpec(List.of(new EnsembleSpec.Member(model, "../member-a"), new EnsembleSpec.Member(model, b.toString())),
        spec.detectionThreshold(), spec.maxLength(), spec.heldOutData(), spec.seed(), spec.heldOutFraction(),
        spec.heldOut(), spec.test())
        .write(folder);
    EnsembleSpec read = EnsembleSpec.read(folder);
    assertEquals("../member-a", read.members().get(0).weights());
    assertEquals(spec.heldOut(), read.heldOut());
    try (EncoderJudge judge = new EncoderJudge(config.with(WorkbenchOptions.ENCODER_ENSEMBLE, folder.toString()))) {
      for (int i = 0; i < heldOut.size(); i++) {
        assertEquals(mean[i], judge.unitProbability(heldOut.get(i).text()), 1e-6, heldOut.get(i).text());
        assertEquals(mean[i] >= spec.detectionThreshold(), judge.detect(heldOut.get(i).text()).join().causal());
      }
      assertEquals(2, judge.version().split("\\+").length, judge.version());
      assertTrue(judge.version().endsWith(String.format(java.util.Locale.ROOT, "@%.2f", spec.detectionThreshold())),
          "a refitted threshold is a new version: " + judge.version());
    }
  }

  @Test
  void theBundledEnsembleIsTheAverageOfItsShippedMembers() {
    WorkbenchConfig config = WorkbenchConfig.defaults().with(WorkbenchOptions.DATA_DIR, dir.toString());
    List<String> texts = List.of("Heavy rain overnight caused flooding in the low streets of the harbour town.",
        "The library opens at nine on weekdays and at ten on Saturdays.",
        "Heavy rain overnight flooded the low streets of the harbour town.");
    double[] minilm;
    double[] bge;
    try (EncoderJudge judge = new EncoderJudge(config)) {
      minilm = texts.stream().mapToDouble(judge::unitProbability).toArray();
    }
    try (EncoderJudge judge = new EncoderJudge(config.with(WorkbenchOptions.ENCODER_MODEL, "bge-small-en-v1.5"))) {
      bge = texts.stream().mapToDouble(judge::unitProbability).toArray();
    }
    try (EncoderJudge judge = new EncoderJudge(config.with(WorkbenchOptions.ENCODER_ENSEMBLE, "Bundled"))) {
      double[] both = texts.stream().mapToDouble(judge::unitProbability).toArray();
      System.out.printf("bundled ensemble %s = mean of %s and %s%n", java.util.Arrays.toString(both),
          java.util.Arrays.toString(minilm), java.util.Arrays.toString(bge));
      for (int i = 0; i < texts.size(); i++) {
        assertEquals((minilm[i] + bge[i]) / 2, both[i], 1e-6, texts.get(i));
        assertEquals(PINNED[i], both[i], 2e-3, "the shipped weights changed: " + texts.get(i));
      }
      assertTrue(judge.detect(texts.get(0)).join().causal());
      assertFalse(judge.detect(texts.get(1)).join().causal());
      assertTrue(judge.version().startsWith("all-minilm-l6-v2-") && judge.version().contains("+bge-small-en-v1-5-"),
          judge.version());
    }
  }

  private static final double[] PINNED = {0.8659, 0.0860, 0.2029};

  @Test
  void theShippedMembersReportsRecordTheSplitTheBundledEnsembleWasFittedOn() throws Exception {
    for (BundledEncoder encoder : BundledEncoder.values()) {
      TrainingReport report = EncoderEnsemble.memberReport(new EnsembleSpec.Member(encoder.modelName(), null), null);
      assertEquals(13, report.seed(), encoder.modelName());
      assertEquals(1795, report.heldOutExamples(), encoder.modelName());
      assertEquals("d4c95d6284dc2d0d", report.heldOutDigest(), encoder.modelName());
      assertEquals(16189 + 1795, report.data().values().stream().mapToInt(Integer::intValue).sum());
    }
  }

  @Test
  void membersAndFilesAreCheckedWithErrorsThatSayWhatToDo() {
    assertEquals(new EnsembleSpec.Member("bge-small-en-v1.5", null), EnsembleSpec.Member.parse("bge-small-en-v1.5"));
    assertEquals(new EnsembleSpec.Member("all-MiniLM-L6-v2", "/tmp/w=1"), EnsembleSpec.Member.parse("all-MiniLM-L6-v2=/tmp/w=1"));
    assertThrows(IllegalArgumentException.class, () -> EnsembleSpec.Member.parse("=dir"));
    assertThrows(IllegalArgumentException.class, () -> EnsembleSpec.Member.parse("model="));
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> new EnsembleSpec(
        List.of(new EnsembleSpec.Member("m", null)), 0.5f, 128, Map.of(), 1, 0.1, Map.of(), Map.of()));
    assertTrue(one.getMessage().contains("at least two"), one.getMessage());
    WorkbenchConfig config = WorkbenchConfig.defaults().with(WorkbenchOptions.DATA_DIR, dir.toString())
        .with(WorkbenchOptions.ENCODER_ENSEMBLE, dir.resolve("nothing-here").toString());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> new EncoderJudge(config));
    assertTrue(missing.getMessage().contains("./workbench train --members"), missing.getMessage());
    assertNull(EnsembleSpec.Member.parse("x").weights());
  }
}
