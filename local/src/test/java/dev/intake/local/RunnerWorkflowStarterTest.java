package dev.intake.local;

import dev.intake.local.asl.StateMachineDefinition;
import dev.intake.local.asl.StepFunctionsRunner;
import dev.intake.local.asl.TaskRegistry;
import dev.intake.pipeline.WorkflowStarter;
import dev.intake.pipeline.WorkflowStarterContract;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The workflow port on the local ASL runner, held to the contract the fake is held to. */
class RunnerWorkflowStarterTest extends WorkflowStarterContract {

  private StepFunctionsRunner runner;

  @Override
  protected WorkflowStarter newStarter() {
    runner = StepFunctionsRunner.builder(StateMachineDefinition.load(
        "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}", Map.of()), new TaskRegistry()).build();
    return new RunnerWorkflowStarter(runner);
  }

  @AfterEach
  void closeRunner() {
    runner.close();
  }
}
