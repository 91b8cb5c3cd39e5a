package dev.intake.local.asl;

/**
 * Thrown by a task handler to fail its Task state with a chosen error name and cause, which the
 * state's Retry and Catch rules then match. Any other exception a handler throws fails the task with
 * the exception's fully-qualified class name as the error, as the Java Lambda runtime reports it.
 */
public class TaskFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String error;

  public TaskFailedException(String error, String cause) {
    super(cause);
    if (error == null || error.isBlank()) {
      throw new IllegalArgumentException("a task failure needs an error name");
    }
    this.error = error;
  }

  public String error() {
    return error;
  }

  /** The cause text; may be null. */
  public String cause() {
    return getMessage();
  }
}
