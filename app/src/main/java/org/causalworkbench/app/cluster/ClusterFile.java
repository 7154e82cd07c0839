package org.causalworkbench.app.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.causalworkbench.core.json.Json;

/**
 * What {@code ./workbench cluster start} writes in its directory: the addresses to give the other
 * commands, and each process with the command line that starts it again.
 *
 * @param bootstrap the three brokers, for {@code --bootstrap}
 * @param jdbcUrl the database, for {@code --jdbc-url}
 * @param flink the JobManager's REST address, for {@code job --flink}
 */
public record ClusterFile(String bootstrap, String jdbcUrl, String jdbcUser, String flink, List<Node> nodes,
    Instant started) {

  static final String NAME = "cluster.json";

  /**
   * One process of the cluster.
   *
   * @param kind {@code broker}, {@code jobmanager} or {@code taskmanager}
   * @param command the full command line, run again by a restart
   */
  public record Node(String name, String kind, long pid, List<String> command, String log) {

    public boolean alive() {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    Node withPid(long newPid) {
      return new Node(name, kind, newPid, command, log);
    }
  }

  public ClusterFile {
    nodes = List.copyOf(nodes);
  }

  public Node node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the cluster has no process " + name));
  }

  ClusterFile with(Node changed) {
    return new ClusterFile(bootstrap, jdbcUrl, jdbcUser, flink,
        nodes.stream().map(n -> n.name().equals(changed.name()) ? changed : n).toList(), started);
  }

  void write(Path dir) {
    Path partial = dir.resolve(NAME + ".partial");
    try {
      Files.writeString(partial, new Json().writePretty(this), StandardCharsets.UTF_8);
      Files.move(partial, dir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(NAME) + ": " + e.getMessage(), e);
    }
  }

  static Optional<ClusterFile> read(Path dir) {
    Path file = dir.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Json().read(Files.readString(file, StandardCharsets.UTF_8), ClusterFile.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
