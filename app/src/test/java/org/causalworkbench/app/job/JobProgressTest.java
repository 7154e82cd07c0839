package org.causalworkbench.app.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The progress line, against figures worked out by hand. */
class JobProgressTest {

  @Test
  void ratesAndTimeLeftFollowFromWhatIsDone() {
    // 120 documents in 40 s is 3 a second: 480 left take 160 s; 1,800 sentences in 40 s is 45 a second.
    assertEquals("job: 120/600 documents (20%), 45.0 sentences/s, about 2:40 left", JobProgress.line(120, 600, 1800, 40, true));
  }

  @Test
  void beforeTheFirstDocumentAndOnceAllAreDone() {
    assertEquals("job: 0/600 documents (0%), starting", JobProgress.line(0, 600, 0, 5, true));
    assertEquals("job: 600/600 documents (100%), 12.5 sentences/s, finishing", JobProgress.line(600, 600, 1000, 80, true));
    assertEquals("job: 600/600 documents (100%), 12.5 sentences/s, waiting for documents",
        JobProgress.line(600, 600, 1000, 80, false));
  }
}
