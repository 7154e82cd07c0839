package org.causalworkbench.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.junit.jupiter.api.Test;

/** The benchmark's path names, read into the configuration each path runs with. */
class PipelineBenchmarkTest {

  private final WorkbenchConfig base = WorkbenchConfig.defaults();

  @Test
  void spansPathsNameTheExtractorAndOptionallyTheGate() {
    WorkbenchConfig union = PipelineBenchmark.path(base, "spans:tagger+cue");
    assertEquals("spans", union.get(WorkbenchOptions.EXTRACTION_MODE));
    assertEquals("tagger+cue", union.get(WorkbenchOptions.EXTRACTOR));
    assertEquals(base.get(WorkbenchOptions.GATE), union.get(WorkbenchOptions.GATE));

    WorkbenchConfig gated = PipelineBenchmark.path(base, "spans:tagger@encoder");
    assertEquals("tagger", gated.get(WorkbenchOptions.EXTRACTOR));
    assertEquals("encoder", gated.get(WorkbenchOptions.GATE));
  }

  @Test
  void pairPathsNameTheJudgeAndOthersAreRefused() {
    WorkbenchConfig cue = PipelineBenchmark.path(base, "cue-pairs");
    assertEquals("pairs", cue.get(WorkbenchOptions.EXTRACTION_MODE));
    assertEquals("cue", cue.get(WorkbenchOptions.JUDGE));
    assertThrows(IllegalArgumentException.class, () -> PipelineBenchmark.path(base, "tagger"));
  }

  @Test
  void aPathMayCarrySettingsOfItsOwn() {
    WorkbenchConfig set = PipelineBenchmark.path(base, "spans:tagger~extraction.batch.max-units=8~extraction.gate=none");
    assertEquals("tagger", set.get(WorkbenchOptions.EXTRACTOR));
    assertEquals(8, set.getInt(WorkbenchOptions.BATCH_MAX_UNITS));
    assertEquals("none", set.get(WorkbenchOptions.GATE));
    assertEquals(base.get(WorkbenchOptions.BATCH_MAX_UNITS), PipelineBenchmark.path(base, "spans:tagger")
        .get(WorkbenchOptions.BATCH_MAX_UNITS));
    assertThrows(IllegalArgumentException.class, () -> PipelineBenchmark.path(base, "spans:tagger~no.such.key=1"));
    assertThrows(IllegalArgumentException.class, () -> PipelineBenchmark.path(base, "spans:tagger~extraction.gate"));
  }
}
