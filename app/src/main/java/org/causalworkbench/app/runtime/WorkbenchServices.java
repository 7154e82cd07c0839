package org.causalworkbench.app.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.graph.embedded.EmbeddedPostgres;
import org.causalworkbench.graph.store.Database;
import org.causalworkbench.ingest.kafka.EmbeddedKafka;
import org.causalworkbench.ingest.kafka.KafkaConnection;
import org.causalworkbench.ingest.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker and database a command works against: external ones when {@code kafka.bootstrap} /
 * {@code jdbc.url} are set, else embedded ones kept in {@code data.dir}. The first process on a
 * data directory starts the embedded services and publishes their addresses there ({@link
 * ServicesFile}); every other command on that directory while it runs connects to them ("attaches")
 * instead of starting its own, so {@code ingest} feeds a streaming {@code job} and {@code token
 * create} works while {@code serve} runs. A file left by a killed owner is replaced by the next
 * one. Only {@code job} and {@code demo} refuse to attach: one set of services, one job per data
 * directory. Closing stops what this process started.
 */
public final class WorkbenchServices implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkbenchServices.class);

  private final WorkbenchConfig config;
  private EmbeddedKafka kafka;
  private EmbeddedPostgres postgres;
  private Database database;
  private KafkaConnection connection;
  private String jdbcUrl;
  private FileChannel lockChannel;
  private FileLock lock;
  private Thread shutdownHook;

  /** How long an attaching command waits for an owner that is still starting to publish its services. */
  private static final long PUBLISH_WAIT_MILLIS = 120_000;

  /** Whether a command may use another process's embedded services, or must run its own. */
  public enum Sharing {
    /** Use the running owner's services when there is one (ingest, user, token, export, query, review, serve). */
    ATTACH,
    /** Start them, or fail when another process runs them (job, demo: one job per data directory). */
    OWN
  }

  private final Sharing sharing;
  private final String command;
  private ServicesFile attachedTo;

  private WorkbenchServices(WorkbenchConfig config, Sharing sharing, String command) {
    this.config = config;
    this.sharing = sharing;
    this.command = command;
  }

  /** Starts or connects to the broker and/or database, as asked, attaching to a running owner's. */
  public static WorkbenchServices start(WorkbenchConfig config, boolean needKafka, boolean needDatabase) {
    return start(config, needKafka, needDatabase, Sharing.ATTACH, "workbench");
  }

  /**
   * Starts or connects to the broker and/or database, as asked.
   *
   * @param command what this process runs, published for the commands that attach to it
   */
  public static WorkbenchServices start(WorkbenchConfig config, boolean needKafka, boolean needDatabase,
      Sharing sharing, String command) {
    WorkbenchServices services = new WorkbenchServices(config, sharing, command);
    // Ctrl-C must stop the embedded PostgreSQL too: pg_ctl starts it in a session of its own.
    services.shutdownHook = new Thread(services::close, "workbench-services-shutdown");
    Runtime.getRuntime().addShutdownHook(services.shutdownHook);
    try {
      boolean embedded = (needKafka && !config.isSet(WorkbenchOptions.KAFKA_BOOTSTRAP))
          || (needDatabase && !config.isSet(WorkbenchOptions.JDBC_URL));
      if (embedded && !services.lockDataDir()) {
        services.attach(needKafka && !config.isSet(WorkbenchOptions.KAFKA_BOOTSTRAP),
            needDatabase && !config.isSet(WorkbenchOptions.JDBC_URL));
      }
      if (needKafka) {
        services.startKafka();
      }
      if (needDatabase) {
        services.startDatabase();
      }
      if (services.lock != null) {
        new ServicesFile(services.kafka == null ? null : services.connection.bootstrap(),
            services.postgres == null ? null : services.jdbcUrl, services.postgres == null ? null : services.postgres.user(),
            ProcessHandle.current().pid(), command, java.time.Instant.now()).write(services.dataDir());
      }
      return services;
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
  }

  /** Uses the services another process runs on this data directory, waiting while it starts them. */
  private void attach(boolean needKafka, boolean needDatabase) {
    Path dir = dataDir().toAbsolutePath();
    if (sharing == Sharing.OWN) {
      String owner = ServicesFile.read(dir).map(f -> f.command() + " (pid " + f.pid() + ")").orElse("another process");
      throw new IllegalStateException("data directory " + dir + " is in use by " + owner + ", which runs its embedded"
          + " services; " + command + " runs a job of its own and needs them to itself: stop it first, or pass another"
          + " --data-dir (ingest, user, token, export, query and review work alongside it)");
    }
    long deadline = System.currentTimeMillis() + PUBLISH_WAIT_MILLIS;
    while (true) {
      ServicesFile file = ServicesFile.read(dir).filter(ServicesFile::alive).orElse(null);
      boolean complete = file != null && (!needKafka || file.bootstrap() != null)
          && (!needDatabase || file.jdbcUrl() != null);
      if (complete) {
        attachedTo = file;
        LOG.info("using the services of {} (pid {}) on {}", file.command(), file.pid(), dir);
        return;
      }
      if (file != null) {
        throw new IllegalStateException("data directory " + dir + " is in use by " + file.command() + " (pid "
            + file.pid() + "), which runs no embedded " + (needKafka && file.bootstrap() == null ? "broker" : "database")
            + "; stop it, or run this while job or demo runs (they start both)");
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("data directory " + dir + " is locked by another workbench process that has"
            + " not published its services in " + PUBLISH_WAIT_MILLIS / 1000 + " s (" + ServicesFile.path(dir)
            + "); stop it or pass another --data-dir");
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the services on " + dir, e);
      }
    }
  }

  private void startKafka() {
    if (config.isSet(WorkbenchOptions.KAFKA_BOOTSTRAP)) {
      connection = KafkaConnection.from(config);
    } else {
      if (!config.withPrefix(WorkbenchOptions.KAFKA_CLIENT).isEmpty()) {
        LOG.warn("the kafka.client.* settings are for an external cluster (kafka.bootstrap); the embedded broker"
            + " takes plain connections on loopback, so they are not used");
      }
      if (attachedTo != null) {
        connection = KafkaConnection.plain(attachedTo.bootstrap());
      } else {
        kafka = EmbeddedKafka.start(dataDir().resolve("kafka"));
        connection = KafkaConnection.plain(kafka.bootstrapServers());
      }
    }
    Topics.from(config).createMissing(connection, config);
  }

  private void startDatabase() {
    String user;
    String password;
    if (config.isSet(WorkbenchOptions.JDBC_URL)) {
      jdbcUrl = config.get(WorkbenchOptions.JDBC_URL);
      user = config.get(WorkbenchOptions.JDBC_USER);
      password = config.get(WorkbenchOptions.JDBC_PASSWORD);
    } else if (attachedTo != null) {
      jdbcUrl = attachedTo.jdbcUrl();
      user = attachedTo.jdbcUser();
      password = "";
    } else {
      postgres = EmbeddedPostgres.start(dataDir().resolve("postgres"),
          config.get(WorkbenchOptions.EMBEDDED_SHARED_BUFFERS));
      jdbcUrl = postgres.jdbcUrl();
      user = postgres.user();
      password = "";
    }
    database = Database.open(jdbcUrl, user, password, 4);
    // The configured review flags may differ from those the store's states were settled with.
    org.causalworkbench.graph.store.Transactions.run(database.dataSource(), "settle the review states",
        c -> {
          org.causalworkbench.graph.score.EdgeScorers.fromConfig(config).settleReviewStates(c);
          return null;
        });
  }

  /**
   * Takes the data directory's lock: true when this process now owns its embedded services, false
   * when another live process holds it (the OS releases the lock of a killed one, so a stale
   * services file never blocks).
   */
  private boolean lockDataDir() {
    if (lock != null) {
      return true;
    }
    try {
      Files.createDirectories(dataDir());
      lockChannel = FileChannel.open(dataDir().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null; // another WorkbenchServices of this JVM owns it
      }
      if (lock == null) {
        lockChannel.close();
        lockChannel = null;
        return false;
      }
      ServicesFile.read(dataDir()).ifPresent(stale -> LOG.info("replacing the services file of {} (pid {}), which is"
          + " gone", stale.command(), stale.pid()));
      ServicesFile.delete(dataDir());
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use data directory " + dataDir().toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  /** What this process runs ("demo", "job", ...), as it started the services. */
  public String command() {
    return command;
  }

  /** Whether this process uses another's embedded services rather than its own. */
  public boolean attached() {
    return attachedTo != null;
  }

  public Path dataDir() {
    return config.getPath(WorkbenchOptions.DATA_DIR);
  }

  public boolean hasBroker() {
    return connection != null;
  }

  /** How this command's Kafka clients connect to the broker. */
  public KafkaConnection kafka() {
    if (connection == null) {
      throw new IllegalStateException("no broker was started for this command");
    }
    return connection;
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
    if (connection != null) {
      resolved = resolved.with(WorkbenchOptions.KAFKA_BOOTSTRAP, connection.bootstrap());
      if (kafka != null || attachedTo != null) {
        resolved = resolved.withoutPrefix(WorkbenchOptions.KAFKA_CLIENT); // the embedded broker is plain
      }
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
    if (lock != null) {
      ServicesFile.delete(dataDir()); // first, so no command attaches to services on their way down
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
