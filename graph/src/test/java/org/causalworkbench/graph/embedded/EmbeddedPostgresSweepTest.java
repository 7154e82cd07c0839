package org.causalworkbench.graph.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clusters kept outside a data directory the server user cannot reach go when that directory does. */
class EmbeddedPostgresSweepTest {

  @TempDir
  Path root;

  @TempDir
  Path elsewhere;

  private Path cluster(String name, String origin, String pid) throws IOException {
    Path folder = Files.createDirectories(root.resolve(name).resolve("cluster")).getParent();
    Files.writeString(folder.resolve("cluster").resolve("PG_VERSION"), "17");
    if (origin != null) {
      Files.writeString(folder.resolve(EmbeddedPostgres.ORIGIN), origin);
    }
    if (pid != null) {
      Files.writeString(folder.resolve("cluster").resolve("postmaster.pid"), pid + "\n/some/cluster\n");
    }
    return folder;
  }

  @Test
  void onlyStoppedClustersOfRemovedDirectoriesAreDeleted() throws IOException {
    Path gone = elsewhere.resolve("removed-data");
    Path kept = Files.createDirectories(elsewhere.resolve("data"));
    Path orphan = cluster("a1", gone.toString(), null);
    Path stalePid = cluster("a2", gone.toString(), "999999999");
    Path live = cluster("b1", kept.toString(), null);
    Path running = cluster("b2", gone.toString(), Long.toString(ProcessHandle.current().pid()));
    Path unknown = cluster("b3", null, null);

    assertEquals(2, EmbeddedPostgres.sweepOrphans(root));

    assertFalse(Files.exists(orphan), "its directory is gone");
    assertFalse(Files.exists(stalePid), "its directory is gone and the pid file names no live process");
    assertTrue(Files.exists(live.resolve("cluster").resolve("PG_VERSION")), "its directory is still there");
    assertTrue(Files.exists(running), "its server still runs");
    assertTrue(Files.exists(unknown), "no origin file: whose it is is unknown");
    assertEquals(0, EmbeddedPostgres.sweepOrphans(root.resolve("missing")), "no fallback folder yet");
  }
}
