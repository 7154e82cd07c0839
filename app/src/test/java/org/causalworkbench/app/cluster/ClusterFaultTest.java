package org.causalworkbench.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real cluster of separate processes (a Flink JobManager and two TaskManagers, three
 * Kafka brokers, PostgreSQL) survives kill -9 of a TaskManager and of a broker mid-stream: the
 * graph and the verdicts topic equal a clean run's, nothing lost, nothing twice.
 */
class ClusterFaultTest {

  @TempDir Path dir;

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void aTaskManagerAndABrokerKilledMidStreamLoseAndDuplicateNothing() throws Exception {
    FaultCheck.Report report = new FaultCheck(dir, 300, System.out).run();

    assertEquals(List.of("taskmanager-1", "broker-1"), report.recoveries().stream().map(FaultCheck.Recovery::killed)
        .toList());
    assertTrue(report.recoveries().get(0).restarted(), "losing a TaskManager restarts the job from its checkpoint");
    assertEquals(0, report.lost(), report.toString());
    assertEquals(0, report.duplicated(), report.toString());
    assertEquals(List.of(), report.differences(), report.toString());
    // Each report states three causes; the cue extractor reads at least one relation in each.
    assertTrue(report.evidence() >= 300, report.toString());
  }
}
