package org.causalworkbench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.junit.jupiter.api.Test;

/** The cluster entry point's arguments: every one read, none dropped. */
class JobMainTest {

  private static final String[] REQUIRED = {"--kafka.bootstrap", "kafka:9092", "--jdbc.url", "jdbc:postgresql://pg/wb"};

  private static String[] with(String... more) {
    String[] all = new String[REQUIRED.length + more.length];
    System.arraycopy(REQUIRED, 0, all, 0, REQUIRED.length);
    System.arraycopy(more, 0, all, REQUIRED.length, more.length);
    return all;
  }

  @Test
  void configurationKeysAreRead() {
    WorkbenchConfig config = JobMain.configFrom(with("--extraction.extractor", "cascade"), Map.of());
    assertEquals("kafka:9092", config.get(WorkbenchOptions.KAFKA_BOOTSTRAP));
    assertEquals("cascade", config.get(WorkbenchOptions.EXTRACTOR));
  }

  @Test
  void aMisspelledKeyIsRefusedWithTheKeyItMeant() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JobMain.configFrom(with("--extraction.extractr", "cascade"), Map.of()));
    assertTrue(e.getMessage().contains("--extraction.extractor?"), e.getMessage());
  }

  @Test
  void aKeyWithoutItsValueOrAValueWithoutItsKeyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> JobMain.configFrom(with("--llm.model"), Map.of()));
    assertThrows(IllegalArgumentException.class, () -> JobMain.configFrom(with("cascade"), Map.of()));
  }

  @Test
  void theBrokerAndDatabaseMustBeNamed() {
    assertThrows(IllegalArgumentException.class, () -> JobMain.configFrom(new String[0], Map.of()));
  }
}
