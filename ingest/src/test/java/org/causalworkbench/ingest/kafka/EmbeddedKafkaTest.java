package org.causalworkbench.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.model.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

  @TempDir Path dir;

  @Test
  void keepsTopicsAndRecordsAcrossRestarts() {
    Topics topics = Topics.from(WorkbenchConfig.defaults());
    Document doc = new Document("d1", "test", "", "Rain fell.", Map.of());
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
      topics.createMissing(kafka.connection(), WorkbenchConfig.defaults());
      try (KafkaIngestSink sink = new KafkaIngestSink(kafka.connection(), topics)) {
        sink.document(doc);
      }
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
      topics.createMissing(kafka.connection(), WorkbenchConfig.defaults());
      List<String> texts = TopicDrain.readAll(kafka.connection(), topics.documents(),
          bytes -> new String(bytes, StandardCharsets.UTF_8));
      assertEquals(1, texts.size());
      assertEquals(true, texts.get(0).contains("Rain fell."));
    }
  }
}
