package org.causalworkbench.extraction.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.extraction.annotate.SentenceAnnotator;
import org.causalworkbench.extraction.candidates.CandidatePairGenerator;
import org.causalworkbench.extraction.candidates.UnitBuilder;
import org.causalworkbench.inference.judge.CausalDetector;
import org.causalworkbench.inference.judge.CausalJudge;
import org.causalworkbench.inference.judge.Detection;

/**
 * Text-level detection with any pair judge, the way the job would see the text: annotate, form
 * units and candidate pairs, judge them; the text is causal when some pair gets a causal verdict at
 * probability 0.5 or more.
 */
public final class PairJudgeDetector implements CausalDetector {

  private final SentenceAnnotator annotator;
  private final CandidatePairGenerator pairs;
  private final CausalJudge judge;
  private final UnitBuilder units = new UnitBuilder();

  public PairJudgeDetector(SentenceAnnotator annotator, CandidatePairGenerator pairs, CausalJudge judge) {
    this.annotator = annotator;
    this.pairs = pairs;
    this.judge = judge;
  }

  @Override
  public String id() {
    return judge.id();
  }

  @Override
  public CompletableFuture<Detection> detect(String text) {
    Document document = new Document(ContentIds.documentId(text), "eval", "", text, Map.of());
    List<CandidatePair> candidates = new ArrayList<>();
    for (Unit unit : units.units(document.id(), annotator.annotate(document))) {
      candidates.addAll(pairs.pairs(unit));
    }
    double best = 0;
    for (Verdict v : candidates.isEmpty() ? List.<Verdict>of() : judge.judge(candidates)) {
      if (v.label().causal()) {
        best = Math.max(best, v.probability());
      }
    }
    return CompletableFuture.completedFuture(Detection.of(best >= 0.5, best));
  }

  @Override
  public void close() {
    judge.close();
  }
}
