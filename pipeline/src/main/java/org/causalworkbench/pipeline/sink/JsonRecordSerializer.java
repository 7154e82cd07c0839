package org.causalworkbench.pipeline.sink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.causalworkbench.core.json.Json;

/**
 * Writes a record as JSON with a content-derived key. Sets the Kafka timestamp itself: records
 * flushed at the end of a bounded input carry Flink's Long.MAX_VALUE, which the broker rejects.
 */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {

  private static final long serialVersionUID = 1L;

  private final String topic;
  private final SerializableFunction<T, String> key;
  private transient Json json;

  public JsonRecordSerializer(String topic, SerializableFunction<T, String> key) {
    this.topic = topic;
    this.key = key;
  }

  @Override
  public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
    json = new Json();
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
    if (json == null) {
      json = new Json();
    }
    return new ProducerRecord<>(topic, null, System.currentTimeMillis(),
        key.apply(element).getBytes(StandardCharsets.UTF_8), json.write(element));
  }
}
