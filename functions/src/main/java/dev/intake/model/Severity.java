package dev.intake.model;

/** How much a finding matters to the verdict. */
public enum Severity {
  /** Must be fixed before a technical validation can be scheduled. */
  BLOCKER,
  /** A reviewer will look at it; it does not block. */
  WARNING,
  /** For the partner's information. */
  INFO
}
