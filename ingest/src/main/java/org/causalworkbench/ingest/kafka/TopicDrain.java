package org.causalworkbench.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from its beginning to its current end, committed records only, without a consumer
 * group. For summaries and tests, not for the streaming path.
 */
public final class TopicDrain {

  private TopicDrain() {}

  public static <T> List<T> readAll(KafkaConnection kafka, String topic, Function<byte[], T> decode) {
    List<T> out = new ArrayList<>();
    drain(kafka, topic, record -> {
      if (record.value() != null) { // a tombstone: the record of its key was forgotten
        out.add(decode.apply(record.value()));
      }
    });
    return out;
  }

  /**
   * The distinct keys of the topic's committed records (a compacted topic's ids), as UTF-8 text;
   * a key whose last record is a tombstone is not among them.
   */
  public static Set<String> keys(KafkaConnection kafka, String topic) {
    Set<String> out = new HashSet<>();
    drain(kafka, topic, record -> {
      if (record.key() != null) {
        String key = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
          out.remove(key);
        } else {
          out.add(key);
        }
      }
    });
    return out;
  }

  /**
   * The keys whose latest record (tombstones applied) decodes to a value {@code wanted} accepts: on
   * a compacted topic, the records a tombstone for those keys would remove.
   */
  public static <T> Set<String> keysWhere(KafkaConnection kafka, String topic, Function<byte[], T> decode,
      java.util.function.Predicate<T> wanted) {
    Map<String, T> latest = new java.util.HashMap<>();
    drain(kafka, topic, record -> {
      if (record.key() != null) {
        String key = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
          latest.remove(key);
        } else {
          latest.put(key, decode.apply(record.value()));
        }
      }
    });
    Set<String> out = new HashSet<>();
    latest.forEach((key, value) -> {
      if (wanted.test(value)) {
        out.add(key);
      }
    });
    return out;
  }

  /** A consumer of committed records only, in no group: it reads, it commits nothing. */
  private static KafkaConsumer<byte[], byte[]> consumer(KafkaConnection kafka) {
    Properties props = kafka.properties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(props);
  }

  private static void drain(KafkaConnection kafka, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timed out reading topic " + topic + " to its end");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          each.accept(record);
        }
      }
    }
  }

  /**
   * Where a job of consumer group {@code group} stands on the topic: the records it has yet to read
   * (after the group's committed offsets, or the beginning where it has none) and the topic's end
   * (the sum of its partitions' end offsets). Counted from offsets, so near enough for progress
   * (compaction leaves gaps). Reads the group's offsets without joining it.
   */
  public record Backlog(long unread, long end) {}

  public static Backlog backlog(KafkaConnection kafka, String topic, String group) {
    Properties props = kafka.properties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
      Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
          consumer.committed(new java.util.HashSet<>(partitions));
      long unread = 0;
      long end = 0;
      for (Map.Entry<TopicPartition, Long> e : consumer.endOffsets(partitions).entrySet()) {
        var done = committed.get(e.getKey());
        long from = Math.max(begin.getOrDefault(e.getKey(), 0L), done == null ? 0 : done.offset());
        unread += Math.max(0, e.getValue() - from);
        end += e.getValue();
      }
      return new Backlog(unread, end);
    }
  }

  private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
