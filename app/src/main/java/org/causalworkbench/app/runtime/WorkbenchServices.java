package org.causalworkbench.app.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.graph.embedded.EmbeddedPostgres;
import org.causalworkbench.graph.store.Database;
import org.causalworkbench.ingest.kafka.EmbeddedKafka;
import org.causalworkbench.ingest.kafka.Topics;

/**
 * The broker and database a command works against: external ones when {@code kafka.bootstrap} /
 * {@code jdbc.url} are set, else embedded ones kept in {@code data.dir}. Closing stops what it
 * started.
 */
public final class WorkbenchServices implements AutoCloseable {

  private final WorkbenchConfig config;
  private EmbeddedKafka kafka;
  private EmbeddedPostgres postgres;
  private Database database;
  private String bootstrap;
  private String jdbcUrl;
  private FileChannel lockChannel;
  private FileLock lock;
  private Thread shutdownHook;

  private WorkbenchServices(WorkbenchConfig config) {
    this.config = config;
  }

  /** Starts or connects to the broker and/or database, as asked. */
  public static WorkbenchServices start(WorkbenchConfig config, boolean needKafka, boolean needDatabase) {
    WorkbenchServices services = new WorkbenchServices(config);
    // Ctrl-C must stop the embedded PostgreSQL too: pg_ctl starts it in a session of its own.
    services.shutdownHook = new Thread(services::close, "workbench-services-shutdown");
    Runtime.getRuntime().addShutdownHook(services.shutdownHook);
    try {
      if (needKafka) {
        services.startKafka();
      }
      if (needDatabase) {
        services.startDatabase();
      }
      return services;
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
  }

  private void startKafka() {
    if (config.isSet(WorkbenchOptions.KAFKA_BOOTSTRAP)) {
      bootstrap = config.get(WorkbenchOptions.KAFKA_BOOTSTRAP);
    } else {
      lockDataDir();
      kafka = EmbeddedKafka.start(dataDir().resolve("kafka"));
      bootstrap = kafka.bootstrapServers();
    }
    Topics.from(config).createMissing(bootstrap, config);
  }

  private void startDatabase() {
    String user;
    String password;
    if (config.isSet(WorkbenchOptions.JDBC_URL)) {
      jdbcUrl = config.get(WorkbenchOptions.JDBC_URL);
      user = config.get(WorkbenchOptions.JDBC_USER);
      password = config.get(WorkbenchOptions.JDBC_PASSWORD);
    } else {
      lockDataDir();
      postgres = EmbeddedPostgres.start(dataDir().resolve("postgres"));
      jdbcUrl = postgres.jdbcUrl();
      user = postgres.user();
      password = "";
    }
    database = Database.open(jdbcUrl, user, password, 4);
  }

  /** One process per data directory: the embedded broker and database cannot be shared. */
  private void lockDataDir() {
    if (lock != null) {
      return;
    }
    try {
      Files.createDirectories(dataDir());
      lockChannel = FileChannel.open(dataDir().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = lockChannel.tryLock();
      if (lock == null) {
        throw new IllegalStateException("data directory " + dataDir().toAbsolutePath()
            + " is in use by another workbench process; stop it or pass another --data-dir");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use data directory " + dataDir().toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  public Path dataDir() {
    return config.getPath(WorkbenchOptions.DATA_DIR);
  }

  public boolean hasBroker() {
    return bootstrap != null;
  }

  public String bootstrap() {
    if (bootstrap == null) {
      throw new IllegalStateException("no broker was started for this command");
    }
    return bootstrap;
  }

  public Database database() {
    if (database == null) {
      throw new IllegalStateException("no database was started for this command");
    }
    return database;
  }

  /** The configuration with the actual broker and database addresses filled in, for the job. */
  public WorkbenchConfig resolvedConfig() {
    WorkbenchConfig resolved = config;
    if (bootstrap != null) {
      resolved = resolved.with(WorkbenchOptions.KAFKA_BOOTSTRAP, bootstrap);
    }
    if (jdbcUrl != null) {
      resolved = resolved.with(WorkbenchOptions.JDBC_URL, jdbcUrl);
      if (postgres != null) {
        resolved = resolved.with(WorkbenchOptions.JDBC_USER, postgres.user());
      }
    }
    return resolved;
  }

  /** Stops what this started; safe to call twice (a shutdown hook and a normal exit may both). */
  @Override
  public synchronized void close() {
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook runs (or ran) close() itself
      }
      shutdownHook = null;
    }
    if (database != null) {
      database.close();
      database = null;
    }
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
      lock = null;
      lockChannel = null;
    } catch (IOException ignored) {
      // the lock goes with the process anyway
    }
  }
}
