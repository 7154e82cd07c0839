package org.causalworkbench.ingest.kafka;

import java.io.Serializable;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;

/**
 * How every Kafka client of the workbench reaches the cluster: its bootstrap servers and the client
 * properties the user configured under {@code kafka.client.} ({@code security.protocol},
 * {@code sasl.*}, {@code ssl.*}, ...). Producers, consumers and admin clients all start from
 * {@link #properties()}, so a secured on-prem cluster is configured once. Serializable: the job
 * carries it to its task managers.
 */
public record KafkaConnection(String bootstrap, Map<String, String> clientProperties) implements Serializable {

  private static final long serialVersionUID = 1L;

  public KafkaConnection {
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException("no Kafka bootstrap servers: set kafka.bootstrap, or leave it empty and let"
          + " the workbench start its embedded broker");
    }
    if (clientProperties.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalArgumentException("set the bootstrap servers with kafka.bootstrap, not kafka.client."
          + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }
    clientProperties = Map.copyOf(new TreeMap<>(clientProperties));
  }

  /** A plain-text connection with no client properties: the embedded broker's. */
  public static KafkaConnection plain(String bootstrap) {
    return new KafkaConnection(bootstrap, Map.of());
  }

  /** The connection a resolved configuration names: {@code kafka.bootstrap} and the {@code kafka.client.} keys. */
  public static KafkaConnection from(WorkbenchConfig config) {
    return new KafkaConnection(config.get(WorkbenchOptions.KAFKA_BOOTSTRAP),
        config.withPrefix(WorkbenchOptions.KAFKA_CLIENT));
  }

  /**
   * New client properties: the user's, then the bootstrap servers. A client adds its own settings
   * (serializers, acks) after these.
   */
  public Properties properties() {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return props;
  }

  /** The security protocol the clients use, for messages. */
  public String securityProtocol() {
    return clientProperties.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
  }

  /**
   * The error for a client call that failed: refused credentials and unreachable brokers say which
   * setting to look at.
   */
  public IllegalStateException failure(String doing, Throwable cause) {
    String hint;
    if (cause instanceof org.apache.kafka.common.errors.AuthenticationException) {
      hint = "the broker refused this client's credentials; check kafka.client.sasl.jaas.config and"
          + " kafka.client.sasl.mechanism (or the kafka.client.ssl.* key and trust stores)";
    } else if (cause instanceof org.apache.kafka.common.errors.AuthorizationException) {
      hint = "the broker's ACLs do not allow this; ask its administrator to grant the workbench's principal access";
    } else if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      hint = "is the broker reachable at " + bootstrap + ", and does kafka.client.security.protocol match its listener?";
    } else {
      hint = "is the broker reachable, and may this client do it?";
    }
    return new IllegalStateException("cannot " + doing + " on Kafka at " + this + ": " + cause.getMessage()
        + " (" + hint + ")", cause);
  }

  /** Never prints the client properties: sasl.jaas.config holds a password. */
  @Override
  public String toString() {
    return bootstrap + " (" + securityProtocol() + ")";
  }
}
