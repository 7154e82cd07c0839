package org.causalworkbench.pipeline.functions;

import org.apache.flink.util.OutputTag;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.ProcessedDocument;

/** Side outputs of the job's functions. */
public final class SideOutputs {

  /** Inputs the job could not process, with the reason. */
  public static final OutputTag<DeadLetter> DEAD_LETTERS = JudgeFunction.DEAD_LETTERS;

  /** Documents the job has split, for the store. */
  public static final OutputTag<ProcessedDocument> PROCESSED_DOCUMENTS = new OutputTag<>("processed-documents") {};

  private SideOutputs() {}
}
