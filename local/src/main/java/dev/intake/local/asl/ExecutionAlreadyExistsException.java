package dev.intake.local.asl;

/** An execution with this name exists and was started with a different input. */
public class ExecutionAlreadyExistsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ExecutionAlreadyExistsException(String name) {
    super("Execution already exists with a different input: '" + name + "'");
  }
}
