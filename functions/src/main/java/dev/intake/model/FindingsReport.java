package dev.intake.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** The verdict on one workbook: the contract shared by the CLI, the workflow and the API. */
public record FindingsReport(
    String submissionId,
    PartnerRef partner,
    String checklistVersion,
    LocalDate asOf,
    ReportStatus status,
    Summary summary,
    List<Finding> findings) {

  public FindingsReport {
    Objects.requireNonNull(partner, "partner");
    Objects.requireNonNull(checklistVersion, "checklistVersion");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(summary, "summary");
    findings = List.copyOf(findings);
  }

  /** The status a list of findings earns when the workbook itself was readable. */
  public static ReportStatus statusOf(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.severity() == Severity.BLOCKER)
        ? ReportStatus.ACTION_REQUIRED
        : ReportStatus.READY;
  }

  public FindingsReport withSubmissionId(String id) {
    return new FindingsReport(id, partner, checklistVersion, asOf, status, summary, findings);
  }
}
