package org.causalworkbench.ingest.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Formats a KRaft node's log directory, as {@code kafka-storage format} does: the cluster id, the
 * node id, the latest production metadata version and, optionally, SCRAM users. For the embedded
 * broker and the brokers of {@code ./workbench cluster}.
 */
public final class KafkaStorage {

  /** The listener the KRaft controllers talk on, in every node's configuration. */
  public static final String CONTROLLER_LISTENER = "CONTROLLER";
  public static final String SCRAM_MECHANISM = "SCRAM-SHA-256";

  private KafkaStorage() {}

  public static void format(Path logDir, int nodeId, String clusterId, Map<String, String> scramUsers) {
    List<String> scram = new ArrayList<>();
    // The formatter parses these as the kafka-storage tool's --add-scram arguments.
    scramUsers.forEach((user, password) ->
        scram.add(SCRAM_MECHANISM + "=[name=" + user + ",password=" + password + "]"));
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setClusterId(clusterId)
          .setNodeId(nodeId)
          .addDirectory(logDir.toString())
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setScramArguments(scram)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka's log directory " + logDir + ": " + e.getMessage(), e);
    }
  }
}
