package dev.intake.rules;

import static dev.intake.model.Severity.BLOCKER;
import static dev.intake.model.Severity.INFO;
import static dev.intake.model.Severity.WARNING;
import static dev.intake.rules.Evaluation.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.ProfileField;
import dev.intake.testing.WorkbookBuilder;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Common AWS Partner Practice Requirements (POV, PRJ, CSN) are waived by an approved FTR, or by
 * another competency achieved within the last 12 months (inclusive). The workbook below leaves three
 * of them unanswered or unmet, so a waiver is visible as their blockers disappearing. Profile cells:
 * B8 FTR approved, B9 FTR date, B10 other competency, B11 its date.
 */
class WaiverTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  private static final Evaluation.Seen POV_001_MISSING =
      seen("self-assessment-complete", "3.1", BLOCKER, "Self-Assessment");
  private static final Evaluation.Seen PRJ_002_NOT_MET =
      seen("self-assessment-not-met", "PRJ-002", BLOCKER, "Self-Assessment!D8");
  private static final Evaluation.Seen CSN_001_NO_EVIDENCE =
      seen("self-assessment-complete", "3.1", BLOCKER, "Self-Assessment!E12");

  private static WorkbookBuilder practiceControlsIncomplete() {
    return WorkbookBuilder.ready(AS_OF)
        .removeControl("POV-001")
        .control("PRJ-002", c -> c.response = "Not met")
        .control("CSN-001", c -> c.evidence = null);
  }

  private static WorkbookBuilder otherCompetency(LocalDate achieved) {
    return practiceControlsIncomplete()
        .profile(ProfileField.OTHER_COMPETENCY, "AWS Migration Competency")
        .profile(ProfileField.OTHER_COMPETENCY_DATE, achieved);
  }

  @Test
  void waiver_none_practiceControlsAreRequired() {
    WorkbookBuilder workbook = practiceControlsIncomplete();

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(POV_001_MISSING, CSN_001_NO_EVIDENCE, PRJ_002_NOT_MET);
  }

  @Test
  void waiver_approvedFtr_waivesPracticeControlsWithInfo() {
    WorkbookBuilder workbook = practiceControlsIncomplete().profile(ProfileField.FTR_APPROVED, "Yes");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("practice-waiver", "waiver", INFO, "Partner Profile!B8"));
    assertThat(result.only("practice-waiver").message()).contains("approved Foundational Technical Review");
  }

  @Test
  void waiver_approvedFtr_doesNotWaiveDevOpsPracticeControls() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.FTR_APPROVED, "Yes")
        .control("PROC-001", c -> c.response = "Not met")
        .control("DOC-001", c -> c.evidence = null);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("self-assessment-complete", "3.1", BLOCKER, "Self-Assessment!E28"),
        seen("self-assessment-not-met", "PROC-001", BLOCKER, "Self-Assessment!D14"),
        seen("practice-waiver", "waiver", INFO, "Partner Profile!B8"));
  }

  @Test
  void waiver_competencyExactly12MonthsBeforeAsOf_waives() {
    WorkbookBuilder workbook = otherCompetency(LocalDate.of(2025, 11, 1));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("practice-waiver", "waiver", INFO, "Partner Profile!B11"));
    assertThat(result.only("practice-waiver").message()).contains("2025-11-01").contains("within the last 12 months");
  }

  @Test
  void waiver_competency12MonthsAndOneDayBeforeAsOf_doesNotWaive() {
    WorkbookBuilder workbook = otherCompetency(LocalDate.of(2025, 10, 31));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(POV_001_MISSING, CSN_001_NO_EVIDENCE, PRJ_002_NOT_MET,
        seen("practice-waiver", "waiver", INFO, "Partner Profile!B11"));
  }

  @Test
  void waiver_competency13MonthsOld_doesNotWaiveAndSaysWhy() {
    WorkbookBuilder workbook = otherCompetency(LocalDate.of(2025, 10, 1));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(POV_001_MISSING, CSN_001_NO_EVIDENCE, PRJ_002_NOT_MET,
        seen("practice-waiver", "waiver", INFO, "Partner Profile!B11"));
    assertThat(result.only("practice-waiver").message())
        .contains("not waived").contains("2025-10-01").contains("more than 12 months before 2026-11-01");
  }

  @Test
  void waiver_approvedFtrAndOldCompetency_ftrWaives() {
    WorkbookBuilder workbook = otherCompetency(LocalDate.of(2024, 1, 1)).profile(ProfileField.FTR_APPROVED, "Yes");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("practice-waiver", "waiver", INFO, "Partner Profile!B8"));
  }

  @Test
  void waiver_competencyDateInTheFuture_doesNotWaive() {
    WorkbookBuilder workbook = otherCompetency(AS_OF.plusDays(1));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).contains(POV_001_MISSING, CSN_001_NO_EVIDENCE, PRJ_002_NOT_MET);
    assertThat(result.only("practice-waiver").message()).contains("in the future");
  }

  @Test
  void waiver_competencyWithoutDate_doesNotWaive() {
    WorkbookBuilder workbook = otherCompetency(null);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(POV_001_MISSING, CSN_001_NO_EVIDENCE, PRJ_002_NOT_MET,
        seen("practice-waiver", "waiver", INFO, "Partner Profile!B11"));
    assertThat(result.only("practice-waiver").message()).contains("missing or unreadable");
  }

  @Test
  void waiver_otherCompetencyAnsweredNo_isNotAWaiverAndNotMentioned() {
    WorkbookBuilder workbook = practiceControlsIncomplete()
        .profile(ProfileField.OTHER_COMPETENCY, "No")
        .profile(ProfileField.OTHER_COMPETENCY_DATE, LocalDate.of(2026, 6, 1));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(POV_001_MISSING, CSN_001_NO_EVIDENCE, PRJ_002_NOT_MET);
  }

  @Test
  void waiver_competencyAchieved29February_countsUntil28FebruaryNextYear() {
    LocalDate asOf = LocalDate.of(2025, 2, 28);
    WorkbookBuilder workbook = WorkbookBuilder.ready(asOf).removeControl("POV-001")
        .profile(ProfileField.OTHER_COMPETENCY, "AWS Migration Competency")
        .profile(ProfileField.OTHER_COMPETENCY_DATE, LocalDate.of(2024, 2, 29));

    Evaluation result = Evaluation.of(workbook, asOf);

    assertThat(result.seen()).containsExactly(seen("practice-waiver", "waiver", INFO, "Partner Profile!B11"));
  }

  @Test
  void waiverDates_monthOnlyFtrDate_isInfoAtTheDateCell() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.FTR_APPROVED, "Yes")
        .profile(ProfileField.FTR_APPROVAL_DATE, "Mar 2026");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("practice-waiver", "waiver", INFO, "Partner Profile!B8"),
        seen("practice-waiver", "waiver", INFO, "Partner Profile!B9"));
    assertThat(result.findings("practice-waiver").get(1).message()).contains("'Mar 2026'").contains("2026-03-01");
  }

  @Test
  void waiverDates_unreadableCompetencyDate_isWarningAtTheDateCell() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.OTHER_COMPETENCY, "AWS Migration Competency")
        .profile(ProfileField.OTHER_COMPETENCY_DATE, "last year");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("practice-waiver", "waiver", INFO, "Partner Profile!B11"),
        seen("practice-waiver", "waiver", WARNING, "Partner Profile!B11"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS DevOps Competency", "DevOps", "devops competency", "AWS DevOps Consulting Competency",
      "Amazon Dev-Ops Services Competency"})
  void waiver_otherCompetencyIsTheOneAppliedFor_isNotAWaiver(String named) {
    WorkbookBuilder workbook = otherCompetency(AS_OF.minusMonths(5)).profile(ProfileField.OTHER_COMPETENCY, named);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(POV_001_MISSING, CSN_001_NO_EVIDENCE, PRJ_002_NOT_MET,
        seen("practice-waiver", "waiver", INFO, "Partner Profile!B10"));
    assertThat(result.only("practice-waiver").message()).contains("only another AWS Services Competency waives");
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS Migration Competency", "Security", "AWS DevSecOps Competency", "Data and Analytics"})
  void waiver_anotherCompetency_waives(String named) {
    WorkbookBuilder workbook = otherCompetency(AS_OF.minusMonths(5)).profile(ProfileField.OTHER_COMPETENCY, named);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("practice-waiver", "waiver", INFO, "Partner Profile!B11"));
  }
}
