package dev.intake.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.ProfileField;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.parsing.WorkbookParser;
import dev.intake.report.Evaluator;
import dev.intake.report.ReportJson;
import dev.intake.report.TextReport;
import dev.intake.report.WorkbookAnnotator;
import dev.intake.rules.RuleEngine;
import dev.intake.template.Layout;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.template.Layout.CertificationColumn;
import dev.intake.template.Layout.ControlColumn;
import dev.intake.template.TemplateGenerator;
import dev.intake.testing.WorkbookBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * "A new checklist version is a new file, not new code": a second checklist, edited from 4.0 and kept
 * as a test resource (24 months, 3 case studies, DevOps Engineer – Professional renamed Platform
 * Engineer – Professional, no CloudOps successor, certifications renumbered 5.1, a 6-month waiver,
 * PRMLO-003 in 3 case studies, and its quotes edited to match), is loaded by the same code; the
 * verdicts, the template's drop-downs and notes, and the report's references and quotes follow it.
 */
class SecondChecklistTest {

  static final String RESOURCE = "checklists/devops-competency-4.1-test.json";

  private static final Checklist EDITION = ChecklistLoader.load(RESOURCE);
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
  private static final String[] PEOPLE = {"Ana Silva", "Ben Okafor", "Chloé Martin", "Dev Patel"};

  /** Fit for the edition: three case studies, the third 20 months old, and the renamed certification. */
  private static WorkbookBuilder fitForTheEdition() {
    WorkbookBuilder b = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.CHECKLIST_VERSION, EDITION.version())
        .removeCaseStudy(4)
        .caseStudy(3, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, AS_OF.minusMonths(20)))
        .clearCertifications();
    for (int i = 0; i < PEOPLE.length; i++) {
      b.certification(PEOPLE[i], "Developer – Associate", "DVA-" + (1000 + i), AS_OF.plusYears(1));
      b.certification(PEOPLE[i], "AWS Certified Platform Engineer - Professional", "PEP-" + (2000 + i),
          AS_OF.plusYears(2));
    }
    for (String id : List.of("DOC-001", "EXCRI-001", "PRIAC-001", "PRJ-004", "PRMLO-003")) {
      b.control(id, c -> c.caseStudies = "1, 2, 3");
    }
    return b;
  }

  private static FindingsReport evaluate(Checklist checklist, byte[] workbook) {
    return new Evaluator(new WorkbookParser(), RuleEngine.standard(checklist)).evaluate(workbook, "x.xlsx", AS_OF);
  }

  @Test
  void edition_loadedFromItsFile_hasItsOwnNumbersNamesAndReferences() {
    assertThat(EDITION.version()).isEqualTo("4.1-test");
    assertThat(EDITION.parameters().caseStudyMaxAgeMonths()).isEqualTo(24);
    assertThat(EDITION.parameters().minCaseStudies()).isEqualTo(3);
    assertThat(EDITION.certificationNames()).containsExactly("Developer – Associate",
        "SysOps Administrator – Associate", "Platform Engineer – Professional");
    assertThat(EDITION.ref("certifications-professional")).isEqualTo("5.1");
    assertThat(Checklist.forVersion(EDITION.version())).contains(EDITION);
  }

  @Test
  void verdict_sameWorkbook_followsTheChecklistItIsJudgedBy() {
    byte[] workbook = fitForTheEdition().build();

    FindingsReport underEdition = evaluate(EDITION, workbook);
    FindingsReport underCurrent = evaluate(Checklist.current(), workbook);

    assertThat(underEdition.findings()).as(TextReport.render(underEdition)).isEmpty();
    assertThat(underEdition.status()).isEqualTo(ReportStatus.READY);
    assertThat(underCurrent.status()).isEqualTo(ReportStatus.ACTION_REQUIRED);
    assertThat(underCurrent.findings()).filteredOn(f -> f.severity() == Severity.BLOCKER)
        .extracting(Finding::ruleId, Finding::checklistRef).containsExactlyInAnyOrder(
            tuple("case-study-count", "2.1"),
            tuple("case-study-age", "2.1"),
            tuple("certifications-professional", "4.1"));
    assertThat(underCurrent.findings()).filteredOn(f -> f.ruleId().equals("case-study-age"))
        .singleElement().extracting(Finding::message).asString().contains("more than 18 months");
  }

  @Test
  void report_workbookFailingTheEdition_citesAndQuotesTheEditionEverywhere() throws IOException {
    WorkbookBuilder b = fitForTheEdition().caseStudy(3, c -> c.set(CaseStudyColumn.GO_LIVE_DATE,
        AS_OF.minusMonths(25)));
    b.certifications().removeIf(c -> c.person().equals("Dev Patel") && c.validationNumber().equals("PEP-2003"));
    byte[] workbook = b.build();

    FindingsReport report = evaluate(EDITION, workbook);

    String text = TextReport.render(report);
    assertThat(text).contains("checklist 4.1-test")
        .contains("[2.1] Case Studies!J4: Case study 3 went live on 2024-10-01, more than 24 months before 2026-11-01")
        .contains("Checklist 2.1: “All case studies must describe deployments that have been performed within the"
            + " past 24 months")
        .contains("[5.1] Certifications: Only 3 distinct people hold an unexpired AWS Certified Platform Engineer –"
            + " Professional certification")
        .contains("Checklist 5.1: “≥ 4 AWS Certified Platform Engineer – Professional”");
    assertThat(ReportJson.toTree(report).path("findings")).anySatisfy(f -> {
      assertThat(f.path("checklistRef").asText()).isEqualTo("5.1");
      assertThat(f.path("quote").path("text").asText()).isEqualTo("≥ 4 AWS Certified Platform Engineer – Professional");
    });
    assertThat(findingsSheetQuotes(new WorkbookAnnotator().annotate(workbook, report).workbook()))
        .contains("5.1: “≥ 4 AWS Certified Platform Engineer – Professional”")
        .anyMatch(q -> q.startsWith("2.1: “All case studies must describe deployments that have been performed"
            + " within the past 24 months"));
  }

  @Test
  void template_ofTheEdition_offersItsCertificationsAndStatesItsNumbers() throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(new TemplateGenerator(EDITION).generate()))) {
      assertThat(dropDown(wb.getSheet(Layout.CERTIFICATIONS), CertificationColumn.CERTIFICATION.ordinal()))
          .containsExactly("Developer – Associate", "SysOps Administrator – Associate",
              "Platform Engineer – Professional", "Other");
      String instructions = column(wb.getSheet(Layout.INSTRUCTIONS), 0);
      assertThat(instructions).contains("v4.1-test")
          .contains("at least 3 production deployments for 3 different customers, live within the past 24 months")
          .contains("(5.1: at least 4 with Developer – Associate or SysOps Administrator – Associate, and 4 with"
              + " Platform Engineer – Professional)")
          .contains("PRMLO-003 at least 3")
          .contains("achieved in the last 6 months")
          .doesNotContain("18 months").doesNotContain("CloudOps");
      String notes = column(wb.getSheet(Layout.PROFILE), 2);
      assertThat(notes).contains("Achieved within 6 months waives the POV, PRJ and CSN controls");
      assertThat(column(wb.getSheet(Layout.PROFILE), 1)).contains("4.1-test");
      assertThat(column(wb.getSheet(Layout.SELF_ASSESSMENT), ControlColumn.REQUIREMENT.ordinal()))
          .contains("Activity and API Usage Tracking [at least 3 case studies]");
    }
  }

  private static List<String> dropDown(Sheet sheet, int column) {
    for (DataValidation v : sheet.getDataValidations()) {
      if (v.getRegions().getCellRangeAddresses()[0].getFirstColumn() == column) {
        return List.of(v.getValidationConstraint().getExplicitListValues());
      }
    }
    throw new AssertionError("no drop-down in column " + column);
  }

  private static String column(Sheet sheet, int column) {
    DataFormatter format = new DataFormatter();
    StringBuilder out = new StringBuilder();
    for (Row row : sheet) {
      out.append(format.formatCellValue(row.getCell(column))).append('\n');
    }
    return out.toString();
  }

  /** The "Checklist quote" column of the annotated copy's Findings sheet. */
  private static List<String> findingsSheetQuotes(byte[] annotated) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(annotated))) {
      Sheet sheet = wb.getSheet("Findings");
      List<String> quotes = new ArrayList<>();
      int quoteColumn = -1;
      for (Row row : sheet) {
        for (int c = 0; c < row.getLastCellNum(); c++) {
          if (row.getCell(c) != null && row.getCell(c).toString().equals("Checklist quote")) {
            quoteColumn = c;
          }
        }
        if (quoteColumn >= 0 && row.getCell(quoteColumn) != null) {
          quotes.add(row.getCell(quoteColumn).getStringCellValue());
        }
      }
      return quotes;
    }
  }
}
