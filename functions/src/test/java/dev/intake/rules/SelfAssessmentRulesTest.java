package dev.intake.rules;

import static dev.intake.model.Severity.BLOCKER;
import static dev.intake.model.Severity.WARNING;
import static dev.intake.rules.Evaluation.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.ProfileField;
import dev.intake.testing.WorkbookBuilder;
import java.time.LocalDate;
import org.apache.poi.ss.usermodel.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 3.1: one answered row per control, with evidence that is more than a placeholder; "Not met" and
 * "N/A" block. Controls sit in checklist
 * order from row 2 (POV-001) to row 39 (EXCRI-001): PRCICD-001 is row 19, PRSEC-001 row 27, DOC-001
 * row 28. Columns: A Control ID, D Response, E Evidence, F Case studies.
 */
class SelfAssessmentRulesTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  @Test
  void selfAssessment_controlRowMissing_isBlockerOnTheSheetNamingTheControl() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).removeControl("PRSEC-001");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("self-assessment-complete", "3.1", BLOCKER, "Self-Assessment"));
    assertThat(result.only("self-assessment-complete").message())
        .isEqualTo("Control PRSEC-001 (Communication of DevSecOps Best Practices) has no row in the Self-Assessment.");
  }

  @Test
  void selfAssessment_twoControlRowsMissing_isOneBlockerEach() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).removeControl("POV-001").removeControl("EXCRI-001");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.findings("self-assessment-complete")).extracting(f -> f.message().substring(0, 17))
        .containsExactly("Control POV-001 (", "Control EXCRI-001");
    assertThat(result.seen()).allMatch(s -> s.severity() == BLOCKER && s.location().equals("Self-Assessment"));
  }

  @Test
  void selfAssessment_unknownControlId_isWarningAtItsIdCellAndIgnored() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).control("FOO-001", c -> {
      c.response = "Not met";
      c.evidence = "n/a";
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("self-assessment-complete", "3.1", WARNING, "Self-Assessment!A40"));
    assertThat(result.only("self-assessment-complete").message()).contains("'FOO-001'").contains("does not have");
  }

  @Test
  void selfAssessment_controlListedTwice_onlyTheFirstRowIsEvaluated() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      Row row = wb.getSheet("Self-Assessment").createRow(39);
      row.createCell(0).setCellValue("DOC-001");
      row.createCell(3).setCellValue("Not met");
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("self-assessment-complete", "3.1", WARNING, "Self-Assessment!A40"));
    assertThat(result.only("self-assessment-complete").message()).contains("only the first (row 28)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"N/A", "n/a", "NA", "Not applicable"})
  void notApplicable_controlNotWaived_isBlockerCitingTheControlAtTheResponseCell(String response) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).control("PRCICD-001", c -> c.response = response);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("self-assessment-not-applicable", "PRCICD-001", BLOCKER, "Self-Assessment!D19"));
    assertThat(result.only("self-assessment-not-applicable").message())
        .startsWith("Control PRCICD-001 (Software Release Workflows) is answered N/A;")
        .contains("the AWS DevOps Competency has no categories");
  }

  @Test
  void notApplicable_waivedControl_needsNoAnswer() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.FTR_APPROVED, "Yes")
        .control("POV-002", c -> c.response = "N/A");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.findings("self-assessment-not-applicable")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-", " — ", "n/a", "N.A.", "none", "TBD", "tbd.", "yes", "X", "?", "...", "see above",
      "To do", "Not applicable!", "n\u0007/a", "Same as above."})
  void selfAssessment_placeholderEvidence_isBlockerAtTheEvidenceCell(String evidence) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).control("OPE-001", c -> c.evidence = evidence);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("self-assessment-complete", "3.1", BLOCKER, "Self-Assessment!E31"));
    assertThat(result.only("self-assessment-complete").message()).startsWith("Control OPE-001's evidence is '")
        .endsWith("which says nothing about the evidence.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Runbook v3 (SharePoint /ops/runbooks)", "See OPE-001.pdf", "Demo", "KPI dashboard, case 2",
      "No-touch deploy guide §4", "N/A guide p. 3", "Not applicable 1", "Same as above, see runbook"})
  void selfAssessment_shortRealEvidence_passes(String evidence) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).control("OPE-001", c -> c.evidence = evidence);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
  }

  @Test
  void selfAssessment_noResponse_isBlockerAtTheResponseCell() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).control("PRCICD-001", c -> c.response = null);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("self-assessment-complete", "3.1", BLOCKER, "Self-Assessment!D19"));
    assertThat(result.only("self-assessment-complete").message()).isEqualTo("Control PRCICD-001 has no response.");
  }

  @Test
  void selfAssessment_responseOutsideTheList_isBlockerQuotingIt() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).control("PRCICD-001", c -> c.response = "Partially");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("self-assessment-complete", "3.1", BLOCKER, "Self-Assessment!D19"));
    assertThat(result.only("self-assessment-complete").message()).contains("'Partially'");
  }

  @Test
  void selfAssessment_metWithoutEvidence_isBlockerAtTheEvidenceCell() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).control("PRCICD-001", c -> c.evidence = null);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("self-assessment-complete", "3.1", BLOCKER, "Self-Assessment!E19"));
    assertThat(result.only("self-assessment-complete").message()).isEqualTo("Control PRCICD-001 has no evidence.");
  }

  @Test
  void notApplicable_withoutEvidence_isOnlyTheNotApplicableBlocker() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).control("PRCICD-001", c -> {
      c.response = "N/A";
      c.evidence = null;
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("self-assessment-not-applicable", "PRCICD-001", BLOCKER, "Self-Assessment!D19"));
  }

  // ---- Not met ---------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"Not met", "not met", "NOT MET ", "No"})
  void notMet_controlAnsweredNotMet_isBlockerCitingTheControl(String response) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).control("PRCICD-001", c -> c.response = response);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("self-assessment-not-met", "PRCICD-001", BLOCKER, "Self-Assessment!D19"));
    assertThat(result.only("self-assessment-not-met").message())
        .isEqualTo("Control PRCICD-001 (Software Release Workflows) is answered Not met.");
  }

  @Test
  void notMet_withoutEvidence_isOnlyTheNotMetBlocker() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).control("PRCICD-001", c -> {
      c.response = "Not met";
      c.evidence = null;
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("self-assessment-not-met", "PRCICD-001", BLOCKER, "Self-Assessment!D19"));
  }

  @Test
  void notMet_severalControls_oneBlockerEachAtItsRow() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .control("PROC-001", c -> c.response = "Not met")
        .control("COST-001", c -> c.response = "Not met");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("self-assessment-not-met", "PROC-001", BLOCKER, "Self-Assessment!D14"),
        seen("self-assessment-not-met", "COST-001", BLOCKER, "Self-Assessment!D38"));
  }
}
