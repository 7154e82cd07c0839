package org.causalworkbench.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: one combined broker and controller in KRaft mode, its logs kept
 * in a directory so a later run sees the same topics. Bound to a free port on loopback.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private static final String CLUSTER_ID_FILE = "cluster.id";

  private final KafkaClusterTestKit cluster;

  private EmbeddedKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /** Starts a broker keeping its logs under {@code directory} (created if missing). */
  public static EmbeddedKafka start(Path directory) {
    try {
      Files.createDirectories(directory);
      // cluster.id is written only once formatting succeeded, so a failed first start is retried whole.
      boolean fresh = !Files.exists(directory.resolve(CLUSTER_ID_FILE));
      String clusterId = fresh ? Uuid.randomUuid().toString()
          : Files.readString(directory.resolve(CLUSTER_ID_FILE), StandardCharsets.UTF_8).strip();
      TestKitNodes nodes = new TestKitNodes.Builder()
          .setCombined(true)
          .setNumBrokerNodes(1)
          .setNumControllerNodes(1)
          .setBaseDirectory(directory)
          .setClusterId(clusterId)
          .build();
      KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
          .setDeleteOnClose(false)
          // One broker: internal topics cannot have more replicas, or transactions fail.
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("offsets.topic.num.partitions", "4")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("transaction.state.log.num.partitions", "4")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .setConfigProp("message.max.bytes", Integer.toString(8 * 1024 * 1024))
          .setConfigProp("log.cleaner.enable", "true")
          .build();
      if (fresh) {
        formatQuietly(cluster);
        Files.writeString(directory.resolve(CLUSTER_ID_FILE), clusterId, StandardCharsets.UTF_8);
      }
      cluster.startup();
      cluster.waitForReadyBrokers();
      LOG.info("embedded Kafka broker up at {} (logs in {})", cluster.bootstrapServers(), directory);
      return new EmbeddedKafka(cluster);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the embedded Kafka broker in " + directory + ": " + e.getMessage()
          + " (is another workbench using this data directory?)", e);
    }
  }

  /** The test kit's formatter prints its metadata to stdout; a user of the CLI needs none of it. */
  private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
    java.io.PrintStream out = System.out;
    System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    try {
      cluster.format();
    } finally {
      System.setOut(out);
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      LOG.warn("embedded Kafka did not stop cleanly: {}", e.getMessage());
    }
  }
}
