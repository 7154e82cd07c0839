package org.causalworkbench.ui;

import java.util.Map;

/**
 * What the run-status page knows beyond the graph store, from whoever runs the pipeline (the
 * dead-letter topic's counts by reason, for one). The store's own counts come from the store.
 */
@FunctionalInterface
public interface PipelineStatus {

  /** Nothing beyond the store: the server runs without a broker. */
  PipelineStatus NONE = () -> Map.of();

  Map<String, Object> snapshot();
}
