package dev.intake.testing;

import dev.intake.pipeline.WorkflowStarter;
import dev.intake.pipeline.WorkflowStarterContract;

/** The fake the service and handler tests use, held to the same contract as the local runner's starter. */
class RecordingWorkflowStarterTest extends WorkflowStarterContract {

  @Override
  protected WorkflowStarter newStarter() {
    return new RecordingWorkflowStarter();
  }
}
