package org.causalworkbench.inference.tagger;

import ai.djl.Device;
import org.causalworkbench.inference.encoder.EncoderModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.causalworkbench.core.model.Relation;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.inference.cue.Claims;
import org.causalworkbench.inference.judge.CausalExtractor;
import org.causalworkbench.inference.judge.UnitRelations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tagger} extractor: the fine-tuned span tagger reads each unit once and gives its
 * relations (cause, effect and signal spans, several per unit), each qualified and given a
 * polarity from the unit's words ({@link Claims}). Runs on the GPU when DJL finds one.
 */
public final class TaggerExtractor implements CausalExtractor {

  private static final Logger LOG = LoggerFactory.getLogger(TaggerExtractor.class);
  public static final String ID = "tagger";

  private final SpanTagger tagger;

  public TaggerExtractor(SpanTagger tagger) {
    this.tagger = tagger;
  }

  public static TaggerExtractor open(TaggerSettings settings) {
    Device device = EncoderModel.preferredDevice();
    SpanTagger tagger = SpanTagger.open(settings, device);
    LOG.info("span tagger: {} on {} (PyTorch engine; GPU when DJL finds CUDA, see README)", tagger.describe(), device);
    if (!device.isGpu() && System.getenv("MALLOC_MMAP_THRESHOLD_") == null) {
      // glibc then unmaps every freed activation tensor and the next batch page-faults it back in.
      LOG.warn("the span tagger runs on the CPU without the allocator settings ./workbench sets: it tags about half as"
          + " fast. Start this JVM (a Flink TaskManager too) with MALLOC_MMAP_THRESHOLD_=2147483647"
          + " MALLOC_TRIM_THRESHOLD_=4294967295 MALLOC_TOP_PAD_=268435456 in its environment");
    }
    return new TaggerExtractor(tagger);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return tagger.version();
  }

  @Override
  public List<UnitRelations> extract(List<Unit> batch) {
    List<SpanTags.Decoded> decoded = tag(batch);
    List<UnitRelations> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      out.add(UnitRelations.of(batch.get(i), relations(batch.get(i), decoded.get(i))));
    }
    return out;
  }

  /** The model itself, so the tagger gate can read with it ({@code extraction.gate=tagger}). */
  public SpanTagger spanTagger() {
    return tagger;
  }

  /** The tagger's answer for each unit, with how sure it is that the unit holds anything. */
  public List<SpanTags.Decoded> tag(List<Unit> batch) {
    return tagger.tag(batch.stream().map(Unit::text).toList());
  }

  /** The decoded spans of one unit as relations. */
  public List<Relation> relations(Unit unit, SpanTags.Decoded decoded) {
    List<Relation> relations = new ArrayList<>(decoded.relations().size());
    for (SpanRelation r : decoded.relations()) {
      Span signal = r.signal();
      String why = String.format(Locale.ROOT, "tagger: cause '%s', effect '%s'%s, p = %.3f", r.cause().text(),
          r.effect().text(), signal == null ? "" : ", signal '" + signal.text() + "'", r.probability());
      relations.add(Claims.relation(unit, r.cause(), r.effect(), signal, r.probability(), ID, version(), why));
    }
    return relations;
  }

  @Override
  public void close() {
    tagger.close();
  }
}
