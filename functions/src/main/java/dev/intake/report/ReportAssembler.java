package dev.intake.report;

import dev.intake.checklist.Checklist;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.PartnerRef;
import dev.intake.model.ReportStatus;
import dev.intake.model.Summary;
import dev.intake.rules.RuleResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Puts parse notes and rule findings together into the report: blockers first, then warnings, then notes. */
public final class ReportAssembler {

  private ReportAssembler() {
  }

  public static FindingsReport evaluated(String submissionId, PartnerRef partner, Checklist checklist,
      LocalDate asOf, List<Finding> parseNotes, RuleResult rules) {
    List<Finding> all = new ArrayList<>(parseNotes);
    all.addAll(rules.findings());
    all.sort(Comparator.comparing(Finding::severity));
    return new FindingsReport(submissionId, partner, checklist.version(), asOf, FindingsReport.statusOf(all),
        Summary.of(all, rules.passed()), all);
  }

  public static FindingsReport rejected(String submissionId, Checklist checklist, LocalDate asOf,
      List<Finding> reasons) {
    return new FindingsReport(submissionId, PartnerRef.UNKNOWN, checklist.version(), asOf, ReportStatus.REJECTED,
        Summary.of(reasons, 0), reasons);
  }
}
