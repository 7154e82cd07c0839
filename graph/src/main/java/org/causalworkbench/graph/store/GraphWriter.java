package org.causalworkbench.graph.store;

import java.util.List;
import org.causalworkbench.core.model.ProcessedDocument;
import org.causalworkbench.core.model.Verdict;

/**
 * Where the job's results land. Both writes are idempotent: writing the same documents or verdicts
 * again changes nothing, so a replay or a restart from a checkpoint leaves every table as it was.
 */
public interface GraphWriter {

  void writeDocuments(List<ProcessedDocument> documents);

  /** Adds verdicts as evidence and re-scores the edges they touch. */
  void writeVerdicts(List<Verdict> verdicts);
}
