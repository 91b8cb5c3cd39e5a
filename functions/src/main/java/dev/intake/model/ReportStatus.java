package dev.intake.model;

/** The verdict on one workbook. */
public enum ReportStatus {
  /** No blockers: ready to schedule a technical validation. */
  READY,
  /** At least one blocker. */
  ACTION_REQUIRED,
  /** Not a readable workbook of the template; the findings say why. */
  REJECTED
}
