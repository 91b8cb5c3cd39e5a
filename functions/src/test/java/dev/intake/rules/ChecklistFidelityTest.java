package dev.intake.rules;

import static dev.intake.model.Severity.BLOCKER;
import static dev.intake.model.Severity.INFO;
import static dev.intake.model.Severity.WARNING;
import static dev.intake.rules.Evaluation.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.ProfileField;
import dev.intake.model.ReportStatus;
import dev.intake.report.Evaluator;
import dev.intake.report.TextReport;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.testing.WorkbookBuilder;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The nine workbooks a program manager tried (issue 11), each judged as DESIGN.md's rules table now
 * decides, as of 2026-11-26: no false READY, no invented blocker. Each test builds the workbook from
 * the template, evaluates it whole (parser, every rule, the report's status) and asserts the verdict
 * and every finding it gives: rule, severity, checklist reference and cell.
 */
class ChecklistFidelityTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 26);
  private static final Evaluator EVALUATOR = Evaluator.standard();

  private static FindingsReport judge(WorkbookBuilder workbook) {
    return EVALUATOR.evaluate(workbook.build(), "tried.xlsx", AS_OF);
  }

  private static List<Evaluation.Seen> seenIn(FindingsReport report) {
    return report.findings().stream().map(Evaluation::seen).toList();
  }

  @Test
  void notApplicable_prpas001AnsweredNaWithoutFtr_isActionRequiredWithABlockerCitingPrpas001() {
    FindingsReport report = judge(WorkbookBuilder.ready(AS_OF).control("PRPAS-001", c -> c.response = "N/A"));

    assertThat(report.status()).isEqualTo(ReportStatus.ACTION_REQUIRED);
    assertThat(seenIn(report)).as(TextReport.render(report)).containsExactly(
        seen("self-assessment-not-applicable", "PRPAS-001", BLOCKER, "Self-Assessment!D26"));
  }

  @Test
  void controlCoverage_prj004ListsCaseStudies1And2NotWaived_isActionRequiredWithABlockerCitingPrj004() {
    FindingsReport report = judge(WorkbookBuilder.ready(AS_OF).control("PRJ-004", c -> c.caseStudies = "1, 2"));

    assertThat(report.status()).isEqualTo(ReportStatus.ACTION_REQUIRED);
    assertThat(seenIn(report)).as(TextReport.render(report)).containsExactly(
        seen("control-coverage", "PRJ-004", BLOCKER, "Self-Assessment!F10"));
    assertThat(report.findings().get(0).message()).endsWith("case studies 3, 4 are not listed.");
  }

  @Test
  void controlCoverage_prj004ListsCaseStudies1And2WithAnApprovedFtr_isWaivedAndReady() {
    FindingsReport report = judge(WorkbookBuilder.ready(AS_OF).profile(ProfileField.FTR_APPROVED, "Yes")
        .control("PRJ-004", c -> c.caseStudies = "1, 2"));

    assertThat(report.status()).isEqualTo(ReportStatus.READY);
    assertThat(seenIn(report)).containsExactly(seen("practice-waiver", "waiver", INFO, "Partner Profile!B8"));
  }

  @Test
  void waiver_otherCompetencyIsTheDevOpsCompetencyItself_waivesNothingAndPov001NotMetBlocks() {
    FindingsReport report = judge(WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.OTHER_COMPETENCY, "AWS DevOps Competency")
        .profile(ProfileField.OTHER_COMPETENCY_DATE, AS_OF.minusMonths(5))
        .control("POV-001", c -> c.response = "Not met"));

    assertThat(report.status()).isEqualTo(ReportStatus.ACTION_REQUIRED);
    assertThat(seenIn(report)).as(TextReport.render(report)).containsExactly(
        seen("self-assessment-not-met", "POV-001", BLOCKER, "Self-Assessment!D2"),
        seen("practice-waiver", "waiver", INFO, "Partner Profile!B10"));
    assertThat(report.findings().get(1).message()).contains("'AWS DevOps Competency', is the AWS DevOps Competency"
        + " itself; only another AWS Services Competency waives");
  }

  @Test
  void waiver_anotherServicesCompetencyFiveMonthsAgo_waivesPov001() {
    FindingsReport report = judge(WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.OTHER_COMPETENCY, "AWS Migration Competency")
        .profile(ProfileField.OTHER_COMPETENCY_DATE, AS_OF.minusMonths(5))
        .control("POV-001", c -> c.response = "Not met"));

    assertThat(report.status()).isEqualTo(ReportStatus.READY);
    assertThat(seenIn(report)).containsExactly(seen("practice-waiver", "waiver", INFO, "Partner Profile!B11"));
  }

  @Test
  void publicUrl_twoPublicCaseStudiesOnTheSameUrl_isActionRequiredWithBlockersCiting22() {
    FindingsReport report = judge(WorkbookBuilder.ready(AS_OF).caseStudy(2, c -> c.set(CaseStudyColumn.PUBLIC_URL,
        "https://northwind-cloud.com/case-studies/1")));

    assertThat(report.status()).isEqualTo(ReportStatus.ACTION_REQUIRED);
    assertThat(seenIn(report)).as(TextReport.render(report)).containsExactly(
        seen("public-case-study-url", "2.2", BLOCKER, "Case Studies!M3"),
        seen("public-case-study-url", "2.2", BLOCKER, "Case Studies"));
  }

  @Test
  void caseStudyContent_privateCaseStudyWithoutChallengeAwsUseAndOutcome_isActionRequiredWithBlockersCiting21() {
    FindingsReport report = judge(WorkbookBuilder.ready(AS_OF).caseStudy(3, c -> c
        .set(CaseStudyColumn.CUSTOMER_CHALLENGE, null)
        .set(CaseStudyColumn.HOW_AWS_WAS_USED, null)
        .set(CaseStudyColumn.OUTCOME, null)));

    assertThat(report.status()).isEqualTo(ReportStatus.ACTION_REQUIRED);
    assertThat(seenIn(report)).as(TextReport.render(report)).containsExactly(
        seen("case-study-content", "2.1", BLOCKER, "Case Studies!G4"),
        seen("case-study-content", "2.1", BLOCKER, "Case Studies!H4"),
        seen("case-study-content", "2.1", BLOCKER, "Case Studies!I4"));
  }

  @Test
  void selfAssessment_ope001MetWithEvidenceDash_isActionRequiredWithABlockerCiting31() {
    FindingsReport report = judge(WorkbookBuilder.ready(AS_OF).control("OPE-001", c -> c.evidence = "-"));

    assertThat(report.status()).isEqualTo(ReportStatus.ACTION_REQUIRED);
    assertThat(seenIn(report)).as(TextReport.render(report)).containsExactly(
        seen("self-assessment-complete", "3.1", BLOCKER, "Self-Assessment!E31"));
  }

  @Test
  void certifications_fourPeopleWithCloudOpsEngineerAssociate_countAsSysOpsAndAreReadyWithNotesCiting41() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).clearCertifications();
    String[] people = {"Ana Silva", "Ben Okafor", "Chloé Martin", "Dev Patel"};
    String[] spellings = {"CloudOps Engineer – Associate", "AWS Certified CloudOps Engineer - Associate",
        "AWS Certified CloudOps Engineer – Associate (SOA-C03)", "cloudops engineer associate"};
    for (int i = 0; i < people.length; i++) {
      workbook.certification(people[i], spellings[i], "SOA-" + (3000 + i), AS_OF.plusYears(3));
      workbook.certification(people[i], "DevOps Engineer – Professional", "DOP-" + (2000 + i), AS_OF.plusYears(2));
    }

    FindingsReport report = judge(workbook);

    assertThat(report.status()).isEqualTo(ReportStatus.READY);
    assertThat(seenIn(report)).as(TextReport.render(report)).containsExactly(
        seen("certification-row", "4.1", INFO, "Certifications!B2"),
        seen("certification-row", "4.1", INFO, "Certifications!B4"),
        seen("certification-row", "4.1", INFO, "Certifications!B6"),
        seen("certification-row", "4.1", INFO, "Certifications!B8"));
    assertThat(report.findings()).extracting(Finding::message)
        .allMatch(m -> m.contains("counted as SysOps Administrator – Associate") && m.contains("SOA-C03"));
  }

  @Test
  void publicUrl_servedOverHttp_isReadyWithAWarningCiting22() {
    FindingsReport report = judge(WorkbookBuilder.ready(AS_OF).caseStudy(1, c -> c.set(CaseStudyColumn.PUBLIC_URL,
        "http://northwind-cloud.com/case-studies/1")));

    assertThat(report.status()).isEqualTo(ReportStatus.READY);
    assertThat(seenIn(report)).as(TextReport.render(report)).containsExactly(
        seen("public-case-study-url", "2.2", WARNING, "Case Studies!M2"));
  }

  @Test
  void publisher_publicUrlOnMediumWhileTheWebsiteIsNorthwindCloud_isReadyWithAWarningCiting22() {
    FindingsReport report = judge(WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_WEBSITE, "https://northwind-cloud.com")
        .caseStudy(2, c -> c.set(CaseStudyColumn.PUBLIC_URL, "https://medium.com/@northwind/devops-at-globex")));

    assertThat(report.status()).isEqualTo(ReportStatus.READY);
    assertThat(seenIn(report)).as(TextReport.render(report)).containsExactly(
        seen("public-case-study-publisher", "2.2", WARNING, "Case Studies!M3"));
  }
}
