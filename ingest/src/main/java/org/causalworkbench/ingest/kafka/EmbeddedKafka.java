package org.causalworkbench.ingest.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.causalworkbench.core.net.LoopbackPort;
/**
 * A real Kafka broker in this JVM, started from Kafka's own server classes ({@code kafka_2.13}, as
 * the brokers of a cluster are): one combined broker and controller in KRaft mode, its logs kept in
 * a directory so a later run sees the same topics. Listeners bind free ports on loopback.
 *
 * <p>Besides its plain listener it can open a SASL/SCRAM listener with credentials written at
 * format time, so clients configured for an on-prem secured cluster can be tried against it.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private static final String CLUSTER_ID_FILE = "cluster.id";
  /** Node 0's log directory; the name earlier versions (Kafka's test kit) used, so their data stays readable. */
  private static final String LOG_DIR = "combined_0_0";
  private static final int NODE_ID = 0;
  private static final String LOOPBACK = LoopbackPort.HOST;
  public static final String SCRAM_MECHANISM = KafkaStorage.SCRAM_MECHANISM;

  private final KafkaRaftServer server;
  private final String bootstrap;
  private final String scramBootstrap;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrap, String scramBootstrap) {
    this.server = server;
    this.bootstrap = bootstrap;
    this.scramBootstrap = scramBootstrap;
  }

  /** Starts a broker keeping its logs under {@code directory} (created if missing). */
  public static EmbeddedKafka start(Path directory) {
    return start(directory, Map.of());
  }

  /**
   * Starts a broker that also listens for SASL/SCRAM clients ({@link #scramBootstrapServers()}),
   * knowing {@code scramUsers} (name to password). Users are written when the directory is first
   * formatted, so they apply to a fresh directory only.
   */
  public static EmbeddedKafka start(Path directory, Map<String, String> scramUsers) {
    try {
      Files.createDirectories(directory);
      // cluster.id is written only once formatting succeeded, so a failed first start is retried whole.
      boolean fresh = !Files.exists(directory.resolve(CLUSTER_ID_FILE));
      String clusterId = fresh ? Uuid.randomUuid().toString()
          : Files.readString(directory.resolve(CLUSTER_ID_FILE), StandardCharsets.UTF_8).strip();
      int brokerPort = LoopbackPort.free();
      int controllerPort = LoopbackPort.free();
      int scramPort = scramUsers.isEmpty() ? -1 : LoopbackPort.free();
      KafkaConfig config = new KafkaConfig(
          serverProperties(directory.resolve(LOG_DIR), brokerPort, controllerPort, scramPort), false);
      if (fresh) {
        KafkaStorage.format(directory.resolve(LOG_DIR), NODE_ID, clusterId, scramUsers);
        Files.writeString(directory.resolve(CLUSTER_ID_FILE), clusterId, StandardCharsets.UTF_8);
      }
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      String bootstrap = LOOPBACK + ":" + brokerPort;
      awaitReady(bootstrap);
      LOG.info("embedded Kafka broker up at {} (logs in {})", bootstrap, directory);
      return new EmbeddedKafka(server, bootstrap, scramPort < 0 ? null : LOOPBACK + ":" + scramPort);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the embedded Kafka broker in " + directory + ": " + e.getMessage()
          + " (is another workbench using this data directory?)", e);
    }
  }

  private static Map<String, Object> serverProperties(Path logDir, int brokerPort, int controllerPort, int scramPort) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort);
    props.put("controller.listener.names", KafkaStorage.CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", "PLAINTEXT");
    String listeners = "PLAINTEXT://" + LOOPBACK + ":" + brokerPort + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort;
    String advertised = "PLAINTEXT://" + LOOPBACK + ":" + brokerPort;
    String protocols = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
    if (scramPort > 0) {
      listeners += ",SCRAM://" + LOOPBACK + ":" + scramPort;
      advertised += ",SCRAM://" + LOOPBACK + ":" + scramPort;
      protocols += ",SCRAM:SASL_PLAINTEXT";
      props.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
      props.put("listener.name.scram.sasl.enabled.mechanisms", SCRAM_MECHANISM);
      props.put("listener.name.scram.scram-sha-256.sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }
    props.put("listeners", listeners);
    props.put("advertised.listeners", advertised);
    props.put("listener.security.protocol.map", protocols);
    props.put("log.dirs", logDir.toString());
    props.put("metadata.log.dir", logDir.toString());
    // One broker: internal topics cannot have more replicas, or transactions fail.
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "4");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "4");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("message.max.bytes", Integer.toString(Topics.MAX_MESSAGE_BYTES));
    props.put("log.cleaner.enable", "true");
    props.put("log.cleaner.dedupe.buffer.size", "2097152");
    // Data directories written by Kafka's test kit were formatted at its testing metadata version.
    props.put("unstable.feature.versions.enable", "true");
    return props;
  }

  /** The broker answers once it has registered with its controller and can serve metadata. */
  private static void awaitReady(String bootstrap) throws InterruptedException {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (Admin admin = Admin.create(props)) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the broker did not become ready within 60 s: " + e.getMessage(), e);
          }
        }
        Thread.sleep(100);
      }
    }
  }


  public String bootstrapServers() {
    return bootstrap;
  }

  /** A plain-text connection to this broker. */
  public KafkaConnection connection() {
    return KafkaConnection.plain(bootstrap);
  }

  /** The SASL/SCRAM listener's address; null when the broker was started without SCRAM users. */
  public String scramBootstrapServers() {
    return scramBootstrap;
  }

  @Override
  public void close() {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (Exception e) {
      LOG.warn("embedded Kafka did not stop cleanly: {}", e.getMessage());
    }
  }
}
