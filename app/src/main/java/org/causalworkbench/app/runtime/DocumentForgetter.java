package org.causalworkbench.app.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.graph.review.ReviewService;
import org.causalworkbench.inference.llm.LlmSettings;
import org.causalworkbench.inference.llm.ResponseCache;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.ingest.kafka.TopicDrain;
import org.causalworkbench.ingest.kafka.TopicTombstones;
import org.causalworkbench.ui.DocumentEraser;

/**
 * A deletion request end to end, for {@code ./workbench forget} and the admins' button in the UI:
 * the store (documents, sentences, evidence, edges and names only they gave, re-scoring the rest,
 * the review log entry), the llm's cached answers about them, and tombstones on the compacted
 * documents and verdicts topics.
 */
public final class DocumentForgetter implements DocumentEraser {

  /** What a request removed. */
  public record Outcome(ReviewService.Forgotten store, int cachedAnswers, int deadLetters, boolean tombstones) {}

  private final WorkbenchServices services;
  private final WorkbenchConfig config;

  /** @param config the resolved configuration of {@code services} */
  public DocumentForgetter(WorkbenchServices services, WorkbenchConfig config) {
    this.services = services;
    this.config = config;
  }

  /**
   * Forgets the documents through {@code reviews} (the server's, or the command's own), whose
   * recalibration re-scores the other edges of judges that lost reviewed evidence.
   */
  public Outcome forgetAll(ReviewService reviews, List<String> documents, String requestedBy, String note) {
    ReviewService.Forgotten forgotten = reviews.forgetDocuments(documents, requestedBy, note == null ? "" : note);
    int answers = 0;
    LlmSettings llm = LlmSettings.from(config);
    if (llm.cacheDir() != null) {
      ResponseCache cache = new ResponseCache(llm.cacheDir());
      for (String document : documents) {
        answers += cache.forget(document);
      }
    }
    int deadLetters = 0;
    if (services.hasBroker()) {
      // Tombstones for every id asked for, found in the store or not: an unread document may still be on the topic.
      TopicTombstones.send(services.kafka(), config.get(WorkbenchOptions.TOPIC_DOCUMENTS), documents);
      TopicTombstones.send(services.kafka(), config.get(WorkbenchOptions.TOPIC_VERDICTS), forgotten.evidenceIds());
      // The job's dead letters quote the document (a sentence left out, a unit that failed): they go too.
      Json json = new Json();
      Set<String> quoting = TopicDrain.keysWhere(services.kafka(), config.get(WorkbenchOptions.TOPIC_DEAD_LETTER),
          bytes -> json.read(bytes, DeadLetter.class), d -> documents.stream().anyMatch(doc -> about(d, doc)));
      TopicTombstones.send(services.kafka(), config.get(WorkbenchOptions.TOPIC_DEAD_LETTER), quoting);
      deadLetters = quoting.size();
    }
    return new Outcome(forgotten, answers, deadLetters, services.hasBroker());
  }

  /** Whether a dead letter is about the document: its own, or one of its sentences' or units' (ids it prefixes). */
  private static boolean about(DeadLetter letter, String document) {
    String id = letter.inputId();
    return id.equals(document) || id.startsWith(document + "#") || id.startsWith(document + "/");
  }

  @Override
  public Map<String, Object> forget(ReviewService reviews, List<String> documents, String requestedBy, String note) {
    Outcome outcome = forgetAll(reviews, documents, requestedBy, note);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("documents", outcome.store().documents());
    out.put("evidence", outcome.store().evidenceIds().size());
    out.put("edges_removed", outcome.store().edgesRemoved());
    out.put("edges_rescored", outcome.store().edgesRescored());
    out.put("cached_answers", outcome.cachedAnswers());
    out.put("dead_letters", outcome.deadLetters());
    out.put("tombstones", outcome.tombstones());
    return out;
  }
}
