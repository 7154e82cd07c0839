package org.causalworkbench.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Tombstones on a compacted topic: a record with a key and no value, after which compaction drops
 * every earlier record of that key. How a forgotten document leaves the documents and verdicts topics.
 */
public final class TopicTombstones {

  private TopicTombstones() {}

  /** Writes one tombstone per key and waits until the broker has them all. */
  public static void send(KafkaConnection kafka, String topic, Collection<String> keys) {
    Properties props = kafka.properties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      java.util.List<Future<RecordMetadata>> sent = new java.util.ArrayList<>();
      for (String key : keys) {
        sent.add(producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), null)));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw kafka.failure("write tombstones to " + topic, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing tombstones to " + topic, e);
    }
  }
}
