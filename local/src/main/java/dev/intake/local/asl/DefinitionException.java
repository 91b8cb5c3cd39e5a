package dev.intake.local.asl;

/**
 * The state machine definition is invalid or uses something this runner does not implement. Thrown
 * at load time (or when a definition is bound to a task registry), never during an execution.
 */
public class DefinitionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DefinitionException(String message) {
    super(message);
  }

  public DefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
