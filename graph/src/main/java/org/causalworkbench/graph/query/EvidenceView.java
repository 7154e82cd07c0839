package org.causalworkbench.graph.query;

import java.util.List;
import java.util.Map;

/**
 * One piece of evidence for an edge, with the text it stands in. {@code text} is the document's
 * own text from the first sentence's start to the last one's end; the span offsets are relative to
 * it, so a reader can mark cause and effect without searching for them.
 *
 * @param review null, {@code accepted} or {@code rejected} (a decision on this sentence alone)
 * @param run the job run that produced it, or null for evidence older than run records
 * @param documentTitle the document's title, empty when it had none
 * @param documentIds the document's external identifiers as ingest kept them ({@code pmid},
 *     {@code doi}, {@code external_id}, {@code url}), those it has
 * @param sentenceStarts where each sentence after the first starts in {@code text}: the
 *     boundaries inside cross-sentence evidence
 * @param polarity which way the sentence says the cause moves the effect
 * @param signal the words that signal the relation, or null
 * @param rejectReason why an analyst rejected this sentence, when rejected
 * @param link where the document can be read, built from the configured templates (see {@code
 *     DocumentLinks}); null when none applies
 */
public record EvidenceView(
    String id,
    String documentId,
    String documentSource,
    List<Integer> sentences,
    String text,
    String label,
    double probability,
    String judge,
    String causeText,
    int causeBegin,
    int causeEnd,
    String effectText,
    int effectBegin,
    int effectEnd,
    String explanation,
    List<String> qualifiers,
    String review,
    String failure,
    String run,
    String documentTitle,
    Map<String, String> documentIds,
    List<Integer> sentenceStarts,
    String polarity,
    String signal,
    String rejectReason,
    String link) {

  /** This evidence with a link to its document. */
  public EvidenceView withLink(String documentLink) {
    return new EvidenceView(id, documentId, documentSource, sentences, text, label, probability, judge, causeText,
        causeBegin, causeEnd, effectText, effectBegin, effectEnd, explanation, qualifiers, review, failure, run,
        documentTitle, documentIds, sentenceStarts, polarity, signal, rejectReason, documentLink);
  }
}
