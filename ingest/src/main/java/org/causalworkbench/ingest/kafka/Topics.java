package org.causalworkbench.ingest.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench's topics and their creation. {@code documents} and {@code verdicts} are compacted:
 * their keys are content ids, so compaction removes what a replay wrote twice.
 */
public record Topics(String documents, String verdicts, String deadLetter, String reviews) {

  private static final Logger LOG = LoggerFactory.getLogger(Topics.class);

  /** Largest record the topics take: documents up to ingest.max-document-bytes fit with room to spare. */
  public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

  public static Topics from(WorkbenchConfig config) {
    return new Topics(
        config.get(WorkbenchOptions.TOPIC_DOCUMENTS),
        config.get(WorkbenchOptions.TOPIC_VERDICTS),
        config.get(WorkbenchOptions.TOPIC_DEAD_LETTER),
        config.get(WorkbenchOptions.TOPIC_REVIEWS));
  }

  /** Creates the topics that do not exist yet; leaves existing ones as they are. */
  public void createMissing(KafkaConnection kafka, WorkbenchConfig config) {
    int partitions = config.getInt(WorkbenchOptions.TOPIC_PARTITIONS);
    short replication = (short) config.getInt(WorkbenchOptions.TOPIC_REPLICATION);
    Properties props = kafka.properties();
    // Wrong credentials or an unreachable broker should fail this first call, not hang it.
    props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> wanted = new ArrayList<>();
      String maxBytes = Integer.toString(MAX_MESSAGE_BYTES);
      Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
          TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes);
      Map<String, String> kept = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
          TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes);
      add(wanted, existing, documents, partitions, replication, compacted);
      add(wanted, existing, verdicts, partitions, replication, compacted);
      // Compacted too: each dead letter has a key of its own, and a forgotten document's are tombstoned.
      add(wanted, existing, deadLetter, 1, replication, compacted);
      add(wanted, existing, reviews, 1, replication, kept);
      if (!wanted.isEmpty()) {
        admin.createTopics(wanted).all().get();
        awaitLeaders(admin, wanted.stream().map(NewTopic::name).toList());
        LOG.info("created topics {}", wanted.stream().map(NewTopic::name).toList());
      }
    } catch (ExecutionException e) {
      throw kafka.failure("create topics", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Waits until every partition of new topics has a leader: a producer that writes the moment a
   * topic exists can get NOT_LEADER and then, retrying, an out-of-order sequence from an idempotent
   * broker.
   */
  private static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      boolean ready = true;
      try {
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> partitions =
            new java.util.HashMap<>();
        for (var description : admin.describeTopics(topics).allTopicNames().get().values()) {
          for (var partition : description.partitions()) {
            ready &= partition.leader() != null && !partition.leader().isEmpty();
            partitions.put(new org.apache.kafka.common.TopicPartition(description.name(), partition.partition()),
                org.apache.kafka.clients.admin.OffsetSpec.latest());
          }
        }
        // Listing offsets goes to each partition's leader itself, so it succeeds only once the
        // broker acts as leader, not merely once the metadata names one.
        if (ready) {
          admin.listOffsets(partitions).all().get();
        }
      } catch (ExecutionException e) {
        ready = false; // not yet known, or not yet led
      }
      if (ready) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new ExecutionException(new IllegalStateException("topics " + topics + " have no leader after 30 s"));
      }
      Thread.sleep(50);
    }
  }

  private static void add(List<NewTopic> wanted, Set<String> existing, String name, int partitions,
      short replication, Map<String, String> configs) {
    if (!existing.contains(name)) {
      wanted.add(new NewTopic(name, partitions, replication).configs(configs));
    }
  }
}
