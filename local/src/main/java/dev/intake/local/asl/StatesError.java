package dev.intake.local.asl;

/**
 * A failure inside an execution, named as the States Language names errors. Retry and Catch match
 * {@link #error()}; an uncaught one fails the execution with this error and cause.
 */
final class StatesError extends Exception {

  static final String ALL = "States.ALL";
  static final String TASK_FAILED = "States.TaskFailed";
  static final String RUNTIME = "States.Runtime";
  static final String TIMEOUT = "States.Timeout";
  static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
  static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
  static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
  static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
  static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
  static final String BRANCH_FAILED = "States.BranchFailed";

  private static final long serialVersionUID = 1L;

  private final String error;
  private final String cause;

  StatesError(String error, String cause) {
    super(error + (cause == null ? "" : ": " + cause), null, false, false);
    this.error = error;
    this.cause = cause;
  }

  static StatesError runtime(String cause) {
    return new StatesError(RUNTIME, cause);
  }

  String error() {
    return error;
  }

  /** May be null (a Fail state without a Cause). */
  String cause() {
    return cause;
  }

  /** Step Functions never lets Retry or Catch handle States.Runtime: it always fails the execution. */
  boolean handleable() {
    return !RUNTIME.equals(error);
  }
}
