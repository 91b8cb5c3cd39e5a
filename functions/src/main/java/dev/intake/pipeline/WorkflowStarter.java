package dev.intake.pipeline;

/** Starts the evaluation workflow for a submission. */
public interface WorkflowStarter {

  /**
   * Starts an execution named {@code name} (the submission id). Starting the same name with the
   * same input again is a no-op that returns false, so a duplicate event starts nothing new. (On
   * AWS a repeat within seconds of the first start may still report true: the service answers it
   * with the running execution and cannot say whether it was new. Nothing starts twice either way.)
   */
  boolean start(String name, String inputJson);

  /** Whether an execution of this name was ever started (running or closed). */
  boolean exists(String name);
}
