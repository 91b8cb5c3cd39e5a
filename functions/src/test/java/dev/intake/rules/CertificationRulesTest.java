package dev.intake.rules;

import static dev.intake.model.Severity.BLOCKER;
import static dev.intake.model.Severity.INFO;
import static dev.intake.model.Severity.WARNING;
import static dev.intake.rules.Evaluation.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.testing.WorkbookBuilder;
import dev.intake.testing.WorkbookBuilder.CertRow;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 4.1: four distinct people with an unexpired associate certification and four with DevOps Engineer –
 * Professional. The ready workbook lists Ana, Ben, Chloé and Dev with one of each, from row 2: Dev
 * Patel's professional certification is row 9 (A person, B certification, C validation number, D
 * expiry).
 */
class CertificationRulesTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
  private static final String ASSOCIATE = "Developer – Associate";
  private static final String PROFESSIONAL = "DevOps Engineer – Professional";
  /** Index in the builder's list of Dev Patel's professional certification (sheet row 9). */
  private static final int DEV_PROFESSIONAL = 7;

  private static WorkbookBuilder devProfessional(Object number, Object expiry) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF);
    workbook.certifications().set(DEV_PROFESSIONAL, new CertRow("Dev Patel", PROFESSIONAL, number, expiry));
    return workbook;
  }

  @Test
  void certification_expiresOnTheAsOfDate_isStillValid() {
    WorkbookBuilder workbook = devProfessional("DOP-2003", AS_OF);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
  }

  @Test
  void certification_expiredTheDayBeforeAsOf_isNotCountedWithWarningAndBlocker() {
    WorkbookBuilder workbook = devProfessional("DOP-2003", AS_OF.minusDays(1));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("certifications-professional", "4.1", BLOCKER, "Certifications"),
        seen("certification-row", "4.1", WARNING, "Certifications!D9"));
    assertThat(result.only("certifications-professional").message())
        .startsWith("Only 3 distinct people hold an unexpired AWS Certified DevOps Engineer – Professional")
        .contains("on 2026-11-01");
    assertThat(result.only("certification-row").message())
        .isEqualTo("'Dev Patel' (row 9)'s 'DevOps Engineer – Professional' expired on 2026-10-31, before 2026-11-01,"
            + " so it is not counted.");
  }

  @Test
  void certification_samePersonOnFourRows_countsOnce() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).clearCertifications();
    String[] people = {"Ana Silva", "Ben Okafor", "Chloé Martin", "Dev Patel"};
    for (int i = 0; i < people.length; i++) {
      workbook.certification(people[i], ASSOCIATE, "DVA-300" + i, AS_OF.plusYears(1));
    }
    for (int i = 0; i < 4; i++) {
      workbook.certification("Ana Silva", PROFESSIONAL, "DOP-300" + i, AS_OF.plusYears(1));
    }

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("certifications-professional", "4.1", BLOCKER, "Certifications"));
    assertThat(result.only("certifications-professional").message()).startsWith("Only 1 distinct person holds");
    assertThat(result.only("certifications-professional").remediation()).startsWith("List 3 more certified people");
  }

  @Test
  void certification_samePersonSpelledDifferently_countsOnce() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF);
    workbook.certifications().set(DEV_PROFESSIONAL, new CertRow(" ANA  SILVA ", PROFESSIONAL, "DOP-3001",
        AS_OF.plusYears(1)));
    workbook.certifications().set(DEV_PROFESSIONAL - 2, new CertRow("ana silva.", PROFESSIONAL, "DOP-3002",
        AS_OF.plusYears(1)));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.only("certifications-professional").message()).startsWith("Only 2 distinct people");
  }

  @Test
  void certification_validationNumberListedTwiceForTwoPeople_isWarningAndCountedOnce() {
    WorkbookBuilder workbook = devProfessional("DOP-2000", AS_OF.plusYears(1));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("certifications-professional", "4.1", BLOCKER, "Certifications"),
        seen("certification-row", "4.1", WARNING, "Certifications!C9"));
    assertThat(result.only("certification-row").message())
        .isEqualTo("Validation number 'DOP-2000' is listed twice (rows 3 and 9); it is counted once.");
    assertThat(result.only("certifications-professional").message()).startsWith("Only 3 distinct people");
  }

  @Test
  void certification_sameRowRepeated_isWarningOnlyAndStillCountsItsPerson() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .certification("Dev Patel", PROFESSIONAL, "dop 2003", AS_OF.plusYears(2));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("certification-row", "4.1", WARNING, "Certifications!C10"));
  }

  @Test
  void certification_monthOnlyExpiry_isInfoAndValidToTheMonthsEnd() {
    WorkbookBuilder workbook = devProfessional("DOP-2003", "Nov 2026");

    Evaluation result = Evaluation.of(workbook, AS_OF.withDayOfMonth(30));

    assertThat(result.seen()).containsExactly(seen("certification-row", "4.1", INFO, "Certifications!D9"));
    assertThat(result.only("certification-row").message()).contains("'Nov 2026'").contains("valid until 2026-11-30");
  }

  @Test
  void certification_monthOnlyExpiryOfAnEarlierMonth_isExpiredAtThatMonthsEnd() {
    WorkbookBuilder workbook = devProfessional("DOP-2003", "Oct 2026");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("certifications-professional", "4.1", BLOCKER, "Certifications"),
        seen("certification-row", "4.1", INFO, "Certifications!D9"),
        seen("certification-row", "4.1", WARNING, "Certifications!D9"));
    assertThat(result.findings("certification-row").get(1).message()).contains("expired on 2026-10-31");
  }

  @Test
  void certification_noExpiryDate_isWarningAndNotCounted() {
    WorkbookBuilder workbook = devProfessional("DOP-2003", null);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("certifications-professional", "4.1", BLOCKER, "Certifications"),
        seen("certification-row", "4.1", WARNING, "Certifications!D9"));
    assertThat(result.only("certification-row").message()).contains("has no expiry date");
  }

  @Test
  void certification_unreadableExpiryDate_isWarningQuotingIt() {
    WorkbookBuilder workbook = devProfessional("DOP-2003", "31/12/2027");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("certifications-professional", "4.1", BLOCKER, "Certifications"),
        seen("certification-row", "4.1", WARNING, "Certifications!D9"));
    assertThat(result.only("certification-row").message()).contains("'31/12/2027'").contains("not a date");
  }

  @Test
  void certification_otherCertification_isInfoAndDoesNotCount() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .certification("Eve Adams", "Solutions Architect – Associate", "SAA-1", AS_OF.plusYears(1));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("certification-row", "4.1", INFO, "Certifications!B10"));
    assertThat(result.only("certification-row").message()).contains("does not count toward 4.1");
  }

  @Test
  void certification_rowWithoutPerson_isWarningAtThePersonCell() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .certification(null, PROFESSIONAL, "DOP-9", AS_OF.plusYears(1));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("certification-row", "4.1", WARNING, "Certifications!A10"));
  }

  @Test
  void certification_tooFewAssociates_isBlockerForAssociatesOnly() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF);
    workbook.certifications().set(0, new CertRow("Ana Silva", "Other", "X-1", AS_OF.plusYears(1)));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("certifications-associate", "4.1", BLOCKER, "Certifications"),
        seen("certification-row", "4.1", INFO, "Certifications!B2"));
    assertThat(result.only("certifications-associate").message())
        .contains("Developer – Associate, SysOps Administrator – Associate or CloudOps Engineer – Associate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"SysOps Administrator – Associate", "AWS Certified Developer - Associate (DVA-C02)",
      "AWS Certified SysOps Administrator - Associate", "developer associate"})
  void certification_associateSpellings_count(String name) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF);
    workbook.certifications().set(0, new CertRow("Ana Silva", name, "X-1", AS_OF.plusYears(1)));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
  }

  @Test
  void certification_noRowsAtAll_isBothBlockers() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).clearCertifications();

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("certifications-associate", "4.1", BLOCKER, "Certifications"),
        seen("certifications-professional", "4.1", BLOCKER, "Certifications"));
    assertThat(result.only("certifications-associate").message()).startsWith("Only 0 distinct people");
  }
}
