package dev.intake.local;

import dev.intake.local.asl.StepFunctionsRunner;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.WorkflowStarter;
import java.nio.charset.StandardCharsets;

/** The pipeline's workflow port on the local ASL runner: what {@code SfnWorkflowStarter} is on AWS. */
public record RunnerWorkflowStarter(StepFunctionsRunner runner) implements WorkflowStarter {

  @Override
  public boolean start(String name, String inputJson) {
    return runner.startExecution(name, PipelineJson.tree(inputJson.getBytes(StandardCharsets.UTF_8))).started();
  }

  @Override
  public boolean exists(String name) {
    return runner.describe(name).isPresent();
  }
}
