package dev.intake.parsing;

import dev.intake.model.Finding;
import dev.intake.model.Severity;

/** Thrown inside the reader when the file cannot be read further; it becomes a REJECTED report. */
final class RejectedFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Finding finding;

  RejectedFileException(String ruleId, String message, String remediation) {
    super(message, null, false, false);
    this.finding = new Finding(ruleId, "3.1", Severity.BLOCKER, message, remediation, null);
  }

  RejectedFileException(Finding finding) {
    super(finding.message(), null, false, false);
    this.finding = finding;
  }

  Finding finding() {
    return finding;
  }
}
