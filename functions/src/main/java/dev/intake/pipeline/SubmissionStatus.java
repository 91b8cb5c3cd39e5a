package dev.intake.pipeline;

/**
 * Where a submission is. It only moves forward: RECEIVED → EVALUATING → one of the four terminal
 * states; the store refuses any write that would move it back.
 */
public enum SubmissionStatus {
  RECEIVED(0),
  EVALUATING(1),
  READY(2),
  ACTION_REQUIRED(2),
  REJECTED(2),
  FAILED(2);

  private final int rank;

  SubmissionStatus(int rank) {
    this.rank = rank;
  }

  /** 0 for RECEIVED, 1 for EVALUATING, 2 for every terminal state. */
  public int rank() {
    return rank;
  }

  public boolean terminal() {
    return rank == 2;
  }

  public static SubmissionStatus of(dev.intake.model.ReportStatus status) {
    return SubmissionStatus.valueOf(status.name());
  }
}
