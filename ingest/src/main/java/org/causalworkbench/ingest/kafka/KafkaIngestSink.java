package org.causalworkbench.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.ingest.read.IngestSink;

/**
 * Publishes documents (key: document id) and dead letters (key: input id) with an idempotent
 * producer. {@link #close()} flushes and fails if any send failed, so a run never reports records
 * it did not deliver.
 */
public final class KafkaIngestSink implements IngestSink, AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConnection kafka;
  private final Topics topics;
  private final Json json = new Json();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  public KafkaIngestSink(KafkaConnection kafka, Topics topics) {
    Properties props = kafka.properties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    // One request in flight: a batch the broker appended but answered NOT_LEADER for (seen on a
    // partition just created) is then retried as the latest batch, which the broker recognises as a
    // duplicate, instead of an out-of-order sequence retried until the delivery timeout.
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(Topics.MAX_MESSAGE_BYTES));
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
    this.kafka = kafka;
    this.topics = topics;
  }

  @Override
  public void document(Document document) {
    send(topics.documents(), document.id(), json.write(document));
  }

  @Override
  public void deadLetter(DeadLetter deadLetter) {
    send(topics.deadLetter(), deadLetter.key(), json.write(deadLetter));
  }

  private void send(String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value), (meta, e) -> {
      if (e != null) {
        firstFailure.compareAndSet(null, e);
      }
    });
  }

  @Override
  public void close() {
    producer.flush();
    producer.close();
    Exception failure = firstFailure.get();
    if (failure != null) {
      throw kafka.failure("deliver every record (some were not)", failure);
    }
  }
}
