package org.causalworkbench.app.pipeline;

import java.nio.file.Files;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.junit.jupiter.api.AfterAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The same scenarios against a Kafka and a PostgreSQL container, where Docker runs. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPipelineTest extends PipelineScenarios {

  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");
  @Container static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:17-alpine");

  private static WorkbenchServices services;

  @Override
  synchronized WorkbenchServices services() {
    if (services == null) {
      try {
        WorkbenchConfig config = WorkbenchConfig.defaults()
            .with(WorkbenchOptions.DATA_DIR, Files.createTempDirectory("workbench-containers").toString())
            .with(WorkbenchOptions.KAFKA_BOOTSTRAP, KAFKA.getBootstrapServers())
            .with(WorkbenchOptions.JDBC_URL, POSTGRES.getJdbcUrl())
            .with(WorkbenchOptions.JDBC_USER, POSTGRES.getUsername())
            .with(WorkbenchOptions.JDBC_PASSWORD, POSTGRES.getPassword());
        services = WorkbenchServices.start(config, true, true);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return services;
  }

  @AfterAll
  static void stop() {
    if (services != null) {
      services.close();
    }
  }
}
