package org.causalworkbench.app.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import org.causalworkbench.core.json.Json;

/**
 * What the process that started a data directory's embedded services publishes there, so every
 * other command on that directory connects to them instead of starting its own: the broker's
 * bootstrap address, the database's JDBC URL and user, and who runs them.
 *
 * @param bootstrap the embedded broker, or null when the owner runs none
 * @param jdbcUrl the embedded database, or null when the owner runs none
 * @param pid the owning process
 * @param command what it runs ({@code demo}, {@code job}, {@code serve}, ...)
 */
public record ServicesFile(String bootstrap, String jdbcUrl, String jdbcUser, long pid, String command,
    Instant started) {

  static final String NAME = "services.json";

  static Path path(Path dataDir) {
    return dataDir.resolve(NAME);
  }

  /** Writes it whole or not at all (a reader never sees half a file). */
  void write(Path dataDir) {
    Path target = path(dataDir);
    Path partial = dataDir.resolve(NAME + ".partial");
    try {
      Files.write(partial, new Json().writePretty(this).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish the services in " + target + ": " + e.getMessage(), e);
    }
  }

  /** The published services, if a file is there (it may be a killed owner's: check {@link #alive()}). */
  static Optional<ServicesFile> read(Path dataDir) {
    try {
      return Optional.of(new Json().read(Files.readAllBytes(path(dataDir)), ServicesFile.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable or half-written by a killed owner: as if absent
    }
  }

  static void delete(Path dataDir) {
    try {
      Files.deleteIfExists(path(dataDir));
    } catch (IOException ignored) {
      // a leftover file is replaced by the next owner
    }
  }

  /** Whether the owning process still runs. */
  boolean alive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
