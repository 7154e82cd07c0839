package org.causalworkbench.inference.tagger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.inference.encoder.BundledEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which runtime the tagger gets for an encoder export the int8 rewrite cannot read (here the bundled
 * MiniLM export relabelled opset 18, as a local file): {@code auto} runs it in float32 on PyTorch,
 * an explicit {@code onnx-int8} refuses with the reason and the way out.
 */
class TaggerRuntimeTest {

  @TempDir static Path dir;

  @Test
  void autoFallsBackToFloat32WhereTheExportCannotBeRewrittenAndOnnxInt8SaysWhy() throws IOException {
    WorkbenchConfig config = localEncoderAtOpset18();
    try (SpanTagger tagger = SpanTagger.open(TaggerSettings.from(config), ai.djl.Device.cpu())) {
      assertTrue(tagger.describe().contains("float32"), tagger.describe());
      assertFalse(tagger.version().contains("int8"), tagger.version());
      SpanTags.Decoded d = tagger.tag(java.util.List.of("The storm caused power cuts across the towns.")).get(0);
      assertFalse(d.relations().isEmpty(), "the float32 tagger still tags");
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SpanTagger.open(
        TaggerSettings.from(config.with(WorkbenchOptions.TAGGER_RUNTIME, "onnx-int8")), ai.djl.Device.cpu()));
    assertTrue(e.getMessage().contains("opset 18") && e.getMessage().contains("tagger.runtime=pytorch"),
        e.getMessage());
  }

  private static WorkbenchConfig localEncoderAtOpset18() throws IOException {
    byte[] onnx = BundledEncoder.MINILM_L6.onnx();
    // The export's opset import, {field 8: {version 11}}, is its last four bytes: relabel it 18.
    byte[] opset11 = {0x42, 0x02, 0x10, 0x0b};
    int at = onnx.length - 4;
    for (int i = 0; i < 4; i++) {
      if (onnx[at + i] != opset11[i]) {
        throw new IllegalStateException("the bundled export no longer ends with its opset import");
      }
    }
    onnx[at + 3] = 18;
    Path model = dir.resolve("model.onnx");
    Files.write(model, onnx);
    Files.copy(BundledEncoder.MINILM_L6.tokenizer(dir), dir.resolve("tokenizer.json"));
    Path weights = Files.createDirectories(dir.resolve("weights"));
    try (InputStream in = TaggerRuntimeTest.class.getResourceAsStream(BundledEncoder.MINILM_L6.shippedTaggerWeights())) {
      Files.copy(in, weights.resolve("tuned-weights.bin"));
    }
    return WorkbenchConfig.defaults().with(WorkbenchOptions.DATA_DIR, dir.toString())
        .with(WorkbenchOptions.TAGGER_MODEL, model.toString()).with(WorkbenchOptions.TAGGER_WEIGHTS, weights.toString());
  }
}
