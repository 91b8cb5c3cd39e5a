package dev.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WorkflowStarter} does: run against the local runner's starter (in the local
 * module) and against the recording fake the service and handler tests use. Step Functions itself
 * cannot run here; its adapter is tested against a scripted stand-in of the service's API.
 */
public abstract class WorkflowStarterContract {

  protected static final String NAME = "sub-aaaaaaaaaaaaaaaaaaaaaaaaaa";
  protected static final String INPUT = "{\"submissionId\":\"" + NAME + "\"}";

  protected WorkflowStarter starter;

  /** A starter of a workflow that has run nothing yet. */
  protected abstract WorkflowStarter newStarter();

  @BeforeEach
  void freshStarter() {
    starter = newStarter();
  }

  @Test
  void start_newName_returnsTrueAndTheExecutionExists() {
    boolean started = starter.start(NAME, INPUT);

    assertThat(started).isTrue();
    assertThat(starter.exists(NAME)).isTrue();
  }

  @Test
  void start_sameNameAndInputAgain_returnsFalse() {
    starter.start(NAME, INPUT);

    boolean again = starter.start(NAME, INPUT);

    assertThat(again).isFalse();
    assertThat(starter.exists(NAME)).isTrue();
  }

  @Test
  void exists_nameNeverStarted_isFalse() {
    starter.start(NAME, INPUT);

    boolean exists = starter.exists("sub-bbbbbbbbbbbbbbbbbbbbbbbbbb");

    assertThat(exists).isFalse();
  }
}
