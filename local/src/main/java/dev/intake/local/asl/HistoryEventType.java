package dev.intake.local.asl;

import java.util.Arrays;

/** The kinds of execution history events; {@link #label()} is the name shown and stored. */
public enum HistoryEventType {
  EXECUTION_STARTED("ExecutionStarted"),
  EXECUTION_RESUMED("ExecutionResumed"),
  STATE_ENTERED("StateEntered"),
  STATE_EXITED("StateExited"),
  TASK_SCHEDULED("TaskScheduled"),
  TASK_SUCCEEDED("TaskSucceeded"),
  TASK_FAILED("TaskFailed"),
  RETRY_SCHEDULED("RetryScheduled"),
  CATCH_TAKEN("CatchTaken"),
  WAIT_STARTED("WaitStarted"),
  EXECUTION_SUCCEEDED("ExecutionSucceeded"),
  EXECUTION_FAILED("ExecutionFailed");

  private final String label;

  HistoryEventType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  static HistoryEventType fromLabel(String label) {
    return Arrays.stream(values()).filter(type -> type.label.equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown history event type " + label));
  }
}
