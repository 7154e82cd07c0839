package org.causalworkbench.app.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;

/**
 * One embedded broker and one embedded PostgreSQL for the whole test run; test classes keep apart
 * by their own topics and job names ({@link #isolated}).
 */
public final class SharedServices {

  private static WorkbenchServices services;

  private SharedServices() {}

  public static synchronized WorkbenchServices embedded() {
    if (services == null) {
      try {
        Path dir = Files.createTempDirectory("workbench-it");
        WorkbenchConfig config = WorkbenchConfig.defaults().with(WorkbenchOptions.DATA_DIR, dir.toString());
        services = WorkbenchServices.start(config, true, true);
        Runtime.getRuntime().addShutdownHook(new Thread(services::close));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return services;
  }

  /** The services' configuration with topics and a job name of the given prefix, unique per call. */
  public static WorkbenchConfig isolated(WorkbenchServices services, String prefix, String... keyValues) {
    String unique = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    WorkbenchConfig config = services.resolvedConfig()
        .with(WorkbenchOptions.TOPIC_DOCUMENTS, unique + "-documents")
        .with(WorkbenchOptions.TOPIC_VERDICTS, unique + "-verdicts")
        .with(WorkbenchOptions.TOPIC_DEAD_LETTER, unique + "-dead-letter")
        .with(WorkbenchOptions.TOPIC_REVIEWS, unique + "-reviews")
        .with(WorkbenchOptions.JOB_NAME, unique);
    List<String> pairs = new ArrayList<>(List.of(keyValues));
    for (int i = 0; i + 1 < pairs.size(); i += 2) {
      config = config.with(option(pairs.get(i)), pairs.get(i + 1));
    }
    return config;
  }

  /**
   * The JDBC URL of a fresh database in the shared server, for a test whose documents other tests
   * also write (the sample corpus with another judge would change their graphs).
   */
  public static String isolatedDatabase(WorkbenchServices services, String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    try (java.sql.Connection c = services.database().dataSource().getConnection();
        java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    String url = services.resolvedConfig().get(WorkbenchOptions.JDBC_URL);
    return url.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
  }

  private static org.causalworkbench.core.config.ConfigOption option(String key) {
    return WorkbenchOptions.all().stream().filter(o -> o.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no configuration key " + key));
  }
}
