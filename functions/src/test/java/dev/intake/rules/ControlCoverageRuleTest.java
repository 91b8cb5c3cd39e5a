package dev.intake.rules;

import static dev.intake.model.Severity.BLOCKER;
import static dev.intake.model.Severity.WARNING;
import static dev.intake.rules.Evaluation.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.testing.WorkbookBuilder;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The customer-example controls, read from the Self-Assessment's "Case studies" column (F): every
 * case study for DOC-001 (F28), EXCRI-001 (F39), PRIAC-001 (F16) and, unless waived, PRJ-004 (F10);
 * two for PRMLO-003 (F25); one for ACCT, OPE, NETSEC, REL, COST and PRMLO-002. The ready workbook has
 * case studies 1 to 4.
 */
class ControlCoverageRuleTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  private static Evaluation caseStudies(String control, String listed) {
    return Evaluation.of(WorkbookBuilder.ready(AS_OF).control(control, c -> c.caseStudies = listed), AS_OF);
  }

  @Test
  void coverage_doc001ListsThreeOfFourCaseStudies_isBlockerNamingTheMissingOne() {
    Evaluation result = caseStudies("DOC-001", "1, 2, 3");

    assertThat(result.seen()).containsExactly(seen("control-coverage", "DOC-001", BLOCKER, "Self-Assessment!F28"));
    assertThat(result.only("control-coverage").message()).isEqualTo("DOC-001 (Provide Architecture diagram designed"
        + " with scalability and high availability) must be met by every case study; case study 4 is not listed.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"All", "all", "ALL ", "All case studies", "all 4", "1-4", "1 to 4", "#1 #2 #3 #4",
      "CS1; CS2; CS3; CS4", "4, 3, 2, 1", "1, 2 and 3, 4"})
  void coverage_doc001ListsEveryCaseStudy_passes(String listed) {
    Evaluation result = caseStudies("DOC-001", listed);

    assertThat(result.seen()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"PRIAC-001, Self-Assessment!F16", "DOC-001, Self-Assessment!F28", "EXCRI-001, Self-Assessment!F39"})
  void coverage_everyCaseStudyControlMissingOne_isBlocker(String control, String cell) {
    Evaluation result = caseStudies(control, "2, 3, 4");

    assertThat(result.seen()).containsExactly(seen("control-coverage", control, BLOCKER, cell));
    assertThat(result.only("control-coverage").message()).endsWith("case study 1 is not listed.");
  }

  @Test
  void coverage_everyCaseStudyControlBlank_isBlockerSayingNoneIsListed() {
    Evaluation result = caseStudies("EXCRI-001", null);

    assertThat(result.seen()).containsExactly(seen("control-coverage", "EXCRI-001", BLOCKER, "Self-Assessment!F39"));
    assertThat(result.only("control-coverage").message()).endsWith("must be met by every case study; none is listed.");
  }

  @Test
  void coverage_prmlo003MetByExactlyOneCaseStudy_isBlocker() {
    Evaluation result = caseStudies("PRMLO-003", "3");

    assertThat(result.seen()).containsExactly(seen("control-coverage", "PRMLO-003", BLOCKER, "Self-Assessment!F25"));
    assertThat(result.only("control-coverage").message()).isEqualTo("PRMLO-003 (Activity and API Usage Tracking)"
        + " must be met by at least 2 case studies; only 3 is listed.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1, 3", "2 and 4", "1-4", "All"})
  void coverage_prmlo003MetByTwoOrMore_passes(String listed) {
    Evaluation result = caseStudies("PRMLO-003", listed);

    assertThat(result.seen()).isEmpty();
  }

  @Test
  void coverage_prmlo003SameCaseStudyListedTwice_countsOnce() {
    Evaluation result = caseStudies("PRMLO-003", "2, 2");

    assertThat(result.seen()).containsExactly(seen("control-coverage", "PRMLO-003", BLOCKER, "Self-Assessment!F25"));
  }

  @ParameterizedTest
  @CsvSource({
      "PRMLO-002, Self-Assessment!F24",
      "ACCT-001, Self-Assessment!F29",
      "ACCT-002, Self-Assessment!F30",
      "OPE-001, Self-Assessment!F31",
      "OPE-002, Self-Assessment!F32",
      "OPE-003, Self-Assessment!F33",
      "NETSEC-001, Self-Assessment!F34",
      "NETSEC-002, Self-Assessment!F35",
      "REL-001, Self-Assessment!F36",
      "REL-002, Self-Assessment!F37",
      "COST-001, Self-Assessment!F38"})
  void coverage_atLeastOneControlWithNoCaseStudy_isBlocker(String control, String cell) {
    Evaluation result = caseStudies(control, null);

    assertThat(result.seen()).containsExactly(seen("control-coverage", control, BLOCKER, cell));
    assertThat(result.only("control-coverage").message()).contains("at least 1 case study; none is listed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"4", "#2", "case 3"})
  void coverage_atLeastOneControlWithOneCaseStudy_passes(String listed) {
    Evaluation result = caseStudies("COST-001", listed);

    assertThat(result.seen()).isEmpty();
  }

  @Test
  void coverage_practiceControlWithoutCaseStudies_isNotChecked() {
    Evaluation result = caseStudies("PRCICD-001", null);

    assertThat(result.seen()).isEmpty();
  }

  @Test
  void coverage_caseStudyNumberNotOnTheSheet_isWarningAndDoesNotCount() {
    Evaluation result = caseStudies("ACCT-001", "7");

    assertThat(result.seen()).containsExactly(
        seen("control-coverage", "ACCT-001", WARNING, "Self-Assessment!F29"),
        seen("control-coverage", "ACCT-001", BLOCKER, "Self-Assessment!F29"));
    assertThat(result.findings("control-coverage").get(0).message())
        .isEqualTo("ACCT-001 names case study 7, which the Case Studies sheet does not have.");
  }

  @Test
  void coverage_extraUnknownCaseStudyBesideAllFour_isOnlyAWarning() {
    Evaluation result = caseStudies("DOC-001", "1, 2, 3, 4, 5");

    assertThat(result.seen()).containsExactly(seen("control-coverage", "DOC-001", WARNING, "Self-Assessment!F28"));
  }

  @Test
  void coverage_unreadableReference_isWarningQuotingIt() {
    Evaluation result = caseStudies("ACCT-002", "see evidence pack");

    assertThat(result.seen()).containsExactly(
        seen("control-coverage", "ACCT-002", WARNING, "Self-Assessment!F30"),
        seen("control-coverage", "ACCT-002", BLOCKER, "Self-Assessment!F30"));
    assertThat(result.findings("control-coverage").get(0).message()).contains("'see evidence pack'");
  }

  @Test
  void coverage_numbersAreTheCaseStudyNumberColumn_notTheRowOrder() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(4, c -> c.set(CaseStudyColumn.NUMBER, 14))
        .control("DOC-001", c -> c.caseStudies = "1, 2, 3, 14")
        .control("EXCRI-001", c -> c.caseStudies = "All")
        .control("PRIAC-001", c -> c.caseStudies = "all")
        .control("PRJ-004", c -> c.caseStudies = "#1 #2 #3 #14");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
  }

  @Test
  void coverage_rowPositionInsteadOfCaseStudyNumber_isWarningAndBlocker() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(4, c -> c.set(CaseStudyColumn.NUMBER, 14))
        .control("EXCRI-001", c -> c.caseStudies = "All")
        .control("PRIAC-001", c -> c.caseStudies = "All")
        .control("PRJ-004", c -> c.caseStudies = "All");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("control-coverage", "DOC-001", WARNING, "Self-Assessment!F28"),
        seen("control-coverage", "DOC-001", BLOCKER, "Self-Assessment!F28"));
    assertThat(result.findings("control-coverage").get(0).message()).contains("names case study 4, which");
    assertThat(result.findings("control-coverage").get(1).message()).endsWith("case study 14 is not listed.");
  }
}
