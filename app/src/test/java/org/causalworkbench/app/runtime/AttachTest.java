package org.causalworkbench.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many commands on one data directory: the first starts the embedded services and publishes them,
 * the others use them; only a second owner is refused, and a killed owner's file is replaced.
 */
class AttachTest {

  @TempDir Path dir;

  private WorkbenchConfig config() {
    return WorkbenchConfig.defaults().with(WorkbenchOptions.DATA_DIR, dir.toString());
  }

  private static long selectOne(WorkbenchServices services) throws Exception {
    try (Connection c = services.database().dataSource().getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM documents")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void otherCommandsUseTheOwnersServicesAndASecondOwnerIsRefused() throws Exception {
    try (WorkbenchServices serve = WorkbenchServices.start(config(), false, true, WorkbenchServices.Sharing.ATTACH,
        "serve")) {
      assertFalse(serve.attached());
      ServicesFile published = ServicesFile.read(dir).orElseThrow();
      assertEquals("serve", published.command());
      assertEquals(ProcessHandle.current().pid(), published.pid());
      assertEquals(null, published.bootstrap(), "serve started no broker");

      try (WorkbenchServices token = WorkbenchServices.start(config(), false, true, WorkbenchServices.Sharing.ATTACH,
          "token")) {
        assertTrue(token.attached());
        assertEquals(published.jdbcUrl(), token.resolvedConfig().get(WorkbenchOptions.JDBC_URL));
        assertEquals(0, selectOne(token));
      }
      assertEquals(0, selectOne(serve), "closing the attached command stopped nothing");

      IllegalStateException job = assertThrows(IllegalStateException.class, () -> WorkbenchServices.start(config(),
          true, true, WorkbenchServices.Sharing.OWN, "job"));
      assertTrue(job.getMessage().contains("in use by serve"), job.getMessage());
      IllegalStateException ingest = assertThrows(IllegalStateException.class, () -> WorkbenchServices.start(config(),
          true, false, WorkbenchServices.Sharing.ATTACH, "ingest"));
      assertTrue(ingest.getMessage().contains("no embedded broker"), ingest.getMessage());
    }
    assertFalse(Files.exists(dir.resolve(ServicesFile.NAME)), "the owner takes its file away on close");
  }

  @Test
  void aFileLeftByAKilledOwnerIsReplaced() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.createDirectories(dir);
    new ServicesFile("localhost:1", "jdbc:postgresql://127.0.0.1:1/workbench", "workbench", gone.pid(), "demo",
        Instant.now()).write(dir);

    try (WorkbenchServices export = WorkbenchServices.start(config(), false, true, WorkbenchServices.Sharing.ATTACH,
        "export")) {
      assertFalse(export.attached(), "the lock was free: this process owns the directory now");
      assertEquals(0, selectOne(export));
      ServicesFile now = ServicesFile.read(dir).orElseThrow();
      assertEquals(ProcessHandle.current().pid(), now.pid());
      assertEquals("export", now.command());
    }
  }
}
