package dev.intake.model;

import java.util.Objects;

/**
 * One problem (or note) about a submission, pointed at the cell it concerns.
 *
 * @param ruleId the rule that raised it, e.g. {@code case-study-age}
 * @param checklistRef the checklist item, e.g. {@code 2.1} or {@code DOC-001}
 * @param location the cell, row or sheet; null when the finding is about the file as a whole
 * @param subject what the finding is about, in the partner's own terms and never by row number —
 *     {@code Case study "Acme Corp": go-live date}, {@code Control POV-001: evidence},
 *     {@code Partner Profile: Partner tier}; null for a finding about the workbook as a whole. With the
 *     rule and the checklist item it is the finding's identity from one submission to the next
 *     ({@code dev.intake.report.Comparison}), so inserting a row does not make a finding "new".
 */
public record Finding(
    String ruleId,
    String checklistRef,
    Severity severity,
    String message,
    String remediation,
    CellRef location,
    String subject) {

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
    if (subject != null && subject.isBlank()) {
      subject = null;
    }
  }

  /** A finding about the workbook as a whole (no subject of its own). */
  public Finding(String ruleId, String checklistRef, Severity severity, String message, String remediation,
      CellRef location) {
    this(ruleId, checklistRef, severity, message, remediation, location, null);
  }
}
