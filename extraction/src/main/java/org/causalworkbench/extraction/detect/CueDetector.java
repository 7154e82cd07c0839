package org.causalworkbench.extraction.detect;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.extraction.annotate.SentenceAnnotator;
import org.causalworkbench.extraction.candidates.UnitBuilder;
import org.causalworkbench.inference.cue.CausalLink;
import org.causalworkbench.inference.cue.CausalLinkFinder;
import org.causalworkbench.inference.cue.CueJudge;
import org.causalworkbench.inference.judge.CausalDetector;
import org.causalworkbench.inference.judge.Detection;

/**
 * Text-level detection with the cue rules: the text is causal when the rules find a causal link in
 * any of its units that is neither negated nor hedged below 0.5 (whether or not both ends are
 * candidate mentions); its probability is the strongest such link.
 */
public final class CueDetector implements CausalDetector {

  private final SentenceAnnotator annotator;
  private final UnitBuilder units = new UnitBuilder();
  private final CausalLinkFinder links = new CausalLinkFinder();

  public CueDetector(SentenceAnnotator annotator) {
    this.annotator = annotator;
  }

  @Override
  public String id() {
    return "cue";
  }

  @Override
  public CompletableFuture<Detection> detect(String text) {
    Document document = new Document(ContentIds.documentId(text), "eval", "", text, Map.of());
    List<Sentence> sentences = annotator.annotate(document);
    double best = 0;
    for (Unit unit : units.units(document.id(), sentences)) {
      for (CausalLink link : links.links(unit)) {
        if (!link.negated()) {
          best = Math.max(best, CueJudge.weighed(link.probability(), link.hedged()));
        }
      }
    }
    return CompletableFuture.completedFuture(Detection.of(best >= 0.5, best));
  }
}
