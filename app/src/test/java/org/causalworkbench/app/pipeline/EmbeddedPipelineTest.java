package org.causalworkbench.app.pipeline;

import org.causalworkbench.app.runtime.WorkbenchServices;

/** The end-to-end scenarios on the in-process KRaft broker and embedded PostgreSQL. */
class EmbeddedPipelineTest extends PipelineScenarios {

  @Override
  WorkbenchServices services() {
    return SharedServices.embedded();
  }
}
