package dev.intake.model;

import java.util.Objects;

/**
 * One problem (or note) about a submission, pointed at the cell it concerns.
 *
 * @param ruleId the rule that raised it, e.g. {@code case-study-age}
 * @param checklistRef the checklist item, e.g. {@code 2.1} or {@code DOC-001}
 * @param location the cell, row or sheet; null when the finding is about the file as a whole
 */
public record Finding(
    String ruleId,
    String checklistRef,
    Severity severity,
    String message,
    String remediation,
    CellRef location) {

  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(checklistRef, "checklistRef");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(remediation, "remediation");
    // Rules quote partner text through Text.quote; this also catches what is named without it (a
    // sheet's own name, a finding read back from an older report).
    message = Text.printable(message);
    remediation = Text.printable(remediation);
  }
}
