package dev.intake.local.asl;

/** The status of an execution. */
public enum ExecutionStatus {
  RUNNING, SUCCEEDED, FAILED
}
