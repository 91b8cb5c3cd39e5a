package dev.intake.local.asl;

import java.util.List;
import java.util.Set;

/** The predefined error names and how an ErrorEquals list matches an error. */
final class ErrorNames {

  /** Every States.* name Step Functions defines; any other States.* name is a typo. */
  static final Set<String> PREDEFINED = Set.of(StatesError.ALL, StatesError.TASK_FAILED, StatesError.RUNTIME,
      StatesError.TIMEOUT, StatesError.HEARTBEAT_TIMEOUT, StatesError.NO_CHOICE_MATCHED,
      StatesError.PARAMETER_PATH_FAILURE, StatesError.RESULT_PATH_MATCH_FAILURE, StatesError.INTRINSIC_FAILURE,
      StatesError.BRANCH_FAILED, "States.Permissions", "States.DataLimitExceeded",
      "States.ExceedToleratedFailureThreshold", "States.ItemReaderFailed", "States.ResultWriterFailed",
      "States.QueryEvaluationError");

  private ErrorNames() {
  }

  /**
   * States.ALL matches every error and States.TaskFailed every error but States.Timeout; nothing
   * matches States.Runtime, which always fails the execution.
   */
  static boolean matches(List<String> errorEquals, String error) {
    if (StatesError.RUNTIME.equals(error)) {
      return false;
    }
    for (String name : errorEquals) {
      if (name.equals(error) || name.equals(StatesError.ALL)
          || name.equals(StatesError.TASK_FAILED) && !StatesError.TIMEOUT.equals(error)) {
        return true;
      }
    }
    return false;
  }
}
