package dev.intake.bench;

import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.PartnerRef;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.model.Summary;
import dev.intake.report.Evaluator;
import dev.intake.report.WorkbookAnnotator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the annotators are measured on: each workbook with a report that has findings on its cells.
 * The READY sample is READY as of 2026-11-01, so a copy of it would only gain a Findings sheet; as of
 * {@link #AS_OF} its certifications have expired and its case studies have aged out, which gives 12
 * findings on cells of two sheets (the medium workbook, 900 more certification rows, gets one per
 * expired row). The 5 MB workbook is refused by the parser (too many rows), so it gets a report of its
 * own: findings on 100 cells spread over its 50,000-row sheet and one on each other template sheet.
 */
public final class Annotations {

  public static final LocalDate AS_OF = LocalDate.of(2029, 6, 1);

  private Annotations() {
  }

  public static FindingsReport report(Evaluator evaluator, byte[] workbook, String name) {
    FindingsReport report = evaluator.evaluate(workbook, name, AS_OF);
    return report.status() == ReportStatus.REJECTED ? spread() : report;
  }

  /** The annotator without bounds, so that the 5 MB workbook is copied too. */
  public static WorkbookAnnotator unbounded() {
    return new WorkbookAnnotator(new WorkbookAnnotator.Bounds(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE));
  }

  private static FindingsReport spread() {
    List<Finding> findings = new ArrayList<>();
    findings.add(finding(Severity.BLOCKER, "Partner Profile", "B5"));
    findings.add(finding(Severity.WARNING, "Case Studies", "J2"));
    findings.add(finding(Severity.INFO, "Self-Assessment", "E2"));
    for (int k = 0; k < 100; k++) {
      int row = 2 + k * (Workbooks.LARGE_ROWS / 100);
      findings.add(finding(k % 3 == 0 ? Severity.BLOCKER : Severity.WARNING, "Certifications", "D" + row));
    }
    return new FindingsReport("bench", new PartnerRef("Northwind Cloud Consulting Ltd", "P-1001"), "4.0", AS_OF,
        FindingsReport.statusOf(findings), Summary.of(findings, 0), findings);
  }

  private static Finding finding(Severity severity, String sheet, String cell) {
    return new Finding("bench-" + severity.name().toLowerCase(java.util.Locale.ROOT), "4.1", severity,
        "The value in " + sheet + "!" + cell + " is checked by the benchmark.", "Nothing to do: a benchmark finding.",
        new CellRef(sheet, cell, dev.intake.model.A1.row(cell)));
  }
}
