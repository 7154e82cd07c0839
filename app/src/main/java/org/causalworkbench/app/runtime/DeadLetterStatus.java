package org.causalworkbench.app.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.ingest.kafka.KafkaConnection;
import org.causalworkbench.ingest.kafka.TopicDrain;
import org.causalworkbench.ui.PipelineStatus;

/**
 * The run-status page's view of the dead-letter topic: how many, by reason, and the latest few.
 * Read at most every few seconds, however often the page asks.
 */
public final class DeadLetterStatus implements PipelineStatus {

  private static final Duration FRESH = Duration.ofSeconds(5);

  private final KafkaConnection kafka;
  private final String topic;
  private final Json json = new Json();
  private Map<String, Object> cached;
  private Instant readAt = Instant.EPOCH;

  public DeadLetterStatus(KafkaConnection kafka, WorkbenchConfig config) {
    this.kafka = kafka;
    this.topic = config.get(WorkbenchOptions.TOPIC_DEAD_LETTER);
  }

  @Override
  public synchronized Map<String, Object> snapshot() {
    if (cached != null && Instant.now().isBefore(readAt.plus(FRESH))) {
      return cached;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      List<DeadLetter> letters = TopicDrain.readAll(kafka, topic, bytes -> json.read(bytes, DeadLetter.class));
      Map<String, Long> byReason = new TreeMap<>();
      for (DeadLetter d : letters) {
        byReason.merge(d.stage() + ": " + d.reason(), 1L, Long::sum);
      }
      out.put("dead_letter_topic", topic);
      out.put("dead_letters", letters.size());
      out.put("dead_letters_by_reason", byReason);
      out.put("latest_dead_letters", letters.subList(Math.max(0, letters.size() - 10), letters.size()));
    } catch (RuntimeException e) {
      out.put("note", "cannot read the dead-letter topic " + topic + " at " + kafka + ": " + e.getMessage());
    }
    cached = out;
    readAt = Instant.now();
    return out;
  }
}
