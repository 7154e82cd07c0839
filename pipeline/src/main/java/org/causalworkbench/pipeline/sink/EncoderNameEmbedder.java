package org.causalworkbench.pipeline.sink;

import java.util.List;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.graph.variables.NameEmbedder;
import org.causalworkbench.inference.encoder.SentenceEmbedder;

/** The graph's name embedder, backed by the pretrained encoder of the {@code encoder} judge. */
final class EncoderNameEmbedder implements NameEmbedder {

  private final SentenceEmbedder embedder;

  EncoderNameEmbedder(WorkbenchConfig config) {
    this.embedder = SentenceEmbedder.fromConfig(config);
  }

  @Override
  public List<float[]> embed(List<String> names) {
    return embedder.embed(names);
  }

  @Override
  public void close() {
    embedder.close();
  }
}
