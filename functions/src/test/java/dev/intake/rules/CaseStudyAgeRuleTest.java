package dev.intake.rules;

import static dev.intake.model.Severity.BLOCKER;
import static dev.intake.model.Severity.INFO;
import static dev.intake.model.Severity.WARNING;
import static dev.intake.rules.Evaluation.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.testing.WorkbookBuilder;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 2.1: every go-live within the past 18 months of the as-of date, inclusive, with a warning 30 days
 * before a case study ages out. Case study 1's go-live date is cell J2 of Case Studies.
 */
class CaseStudyAgeRuleTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  private static Evaluation goLive(Object date, LocalDate asOf) {
    return Evaluation.of(WorkbookBuilder.ready(asOf).caseStudy(1, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, date)),
        asOf);
  }

  @Test
  void caseStudyAge_goLiveExactly18MonthsBeforeAsOf_countsWithAgeOutWarning() {
    LocalDate live = LocalDate.of(2025, 5, 1);

    Evaluation result = goLive(live, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-age", "2.1", WARNING, "Case Studies!J2"));
    assertThat(result.only("case-study-age").message())
        .contains("2025-05-01").contains("stops counting after 2026-11-01");
  }

  @Test
  void caseStudyAge_goLiveOneDayMoreThan18MonthsBeforeAsOf_isBlocker() {
    LocalDate live = LocalDate.of(2025, 4, 30);

    Evaluation result = goLive(live, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-age", "2.1", BLOCKER, "Case Studies!J2"));
    assertThat(result.only("case-study-age").message())
        .contains("2025-04-30").contains("more than 18 months").contains("counted until 2026-10-31");
  }

  @Test
  void caseStudyAge_goLiveOneDayLessThan18MonthsBeforeAsOf_countsWithAgeOutWarning() {
    LocalDate live = LocalDate.of(2025, 5, 2);

    Evaluation result = goLive(live, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-age", "2.1", WARNING, "Case Studies!J2"));
    assertThat(result.only("case-study-age").message()).contains("stops counting after 2026-11-02");
  }

  @Test
  void caseStudyAge_agesOutIn29Days_isWarning() {
    LocalDate live = LocalDate.of(2025, 5, 31);

    Evaluation result = goLive(live, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-age", "2.1", WARNING, "Case Studies!J2"));
    assertThat(result.only("case-study-age").message()).contains("stops counting after 2026-11-30");
  }

  @Test
  void caseStudyAge_dateThatReadsEitherWayRound_isReadMonthFirstWithANote() {
    Evaluation result = goLive("03/04/2026", AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-age", "2.1", INFO, "Case Studies!J2"));
    assertThat(result.only("case-study-age").message()).contains("read as 2026-03-04 (MM/DD/YYYY)");
    assertThat(result.only("case-study-age").remediation()).contains("2026-04-03");
  }

  @Test
  void caseStudyAge_monthFirstDateWithDayAbove12_hasNoAmbiguityNote() {
    Evaluation result = goLive("03/14/2026", AS_OF);

    assertThat(result.seen()).isEmpty();
  }

  @Test
  void caseStudyAge_stillCountsFor30MoreDays_hasNoFinding() {
    LocalDate live = LocalDate.of(2025, 6, 1);

    Evaluation result = goLive(live, AS_OF);

    assertThat(result.seen()).isEmpty();
  }

  @Test
  void caseStudyAge_goLiveOnTheAsOfDate_counts() {
    Evaluation result = goLive(AS_OF, AS_OF);

    assertThat(result.seen()).isEmpty();
  }

  /*
   * 29 February 2024. The documented rule: a go-live counts on every as-of date d with
   * d.minusMonths(18) <= go-live. Month arithmetic clamps to the month's end, so 2025-08-29,
   * -30 and -31 all step back to 2024-02-29 and count; 2025-09-01 steps back to 2024-03-01, which is
   * after the go-live, so the case study no longer counts. Every counting date is within 30 days of
   * ageing out, hence the warning.
   */
  @ParameterizedTest
  @CsvSource({"2025-08-28", "2025-08-29", "2025-08-30", "2025-08-31"})
  void caseStudyAge_goLive29February2024_countsThrough31August2025(LocalDate asOf) {
    LocalDate live = LocalDate.of(2024, 2, 29);

    Evaluation result = goLive(live, asOf);

    assertThat(result.seen()).containsExactly(seen("case-study-age", "2.1", WARNING, "Case Studies!J2"));
    assertThat(result.only("case-study-age").message()).contains("stops counting after 2025-08-31");
  }

  @Test
  void caseStudyAge_goLive29February2024AsOf1September2025_isBlocker() {
    LocalDate live = LocalDate.of(2024, 2, 29);

    Evaluation result = goLive(live, LocalDate.of(2025, 9, 1));

    assertThat(result.seen()).containsExactly(seen("case-study-age", "2.1", BLOCKER, "Case Studies!J2"));
    assertThat(result.only("case-study-age").message()).contains("counted until 2025-08-31");
  }

  @Test
  void caseStudyAge_asOf29February2028_goLiveExactly18MonthsBefore_counts() {
    LocalDate asOf = LocalDate.of(2028, 2, 29);

    Evaluation result = goLive(LocalDate.of(2026, 8, 29), asOf);

    assertThat(result.seen()).containsExactly(seen("case-study-age", "2.1", WARNING, "Case Studies!J2"));
    assertThat(result.only("case-study-age").message()).contains("stops counting after 2028-02-29");
  }

  @Test
  void caseStudyAge_goLiveAfterAsOf_isBlocker() {
    Evaluation result = goLive(AS_OF.plusDays(1), AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-age", "2.1", BLOCKER, "Case Studies!J2"));
    assertThat(result.only("case-study-age").message()).contains("2026-11-02 is after 2026-11-01");
  }

  @ParameterizedTest
  @CsvSource({"last spring", "02/30/2026", "2026-13-01", "31/12/2025"})
  void caseStudyAge_unparseableGoLive_isBlockerQuotingTheText(String text) {
    Evaluation result = goLive(text, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-age", "2.1", BLOCKER, "Case Studies!J2"));
    assertThat(result.only("case-study-age").message()).contains("'" + text + "'").contains("not a date");
  }

  @Test
  void caseStudyAge_missingGoLive_isBlockerAtTheEmptyCell() {
    Evaluation result = goLive(null, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-age", "2.1", BLOCKER, "Case Studies!J2"));
    assertThat(result.only("case-study-age").message()).contains("no go-live date");
  }

  @Test
  void caseStudyAge_monthOnlyGoLive_isInfoAndReadAsTheFirstOfTheMonth() {
    Evaluation result = goLive("Sep 2026", AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-age", "2.1", INFO, "Case Studies!J2"));
    assertThat(result.only("case-study-age").message()).contains("'Sep 2026'").contains("2026-09-01");
  }

  @Test
  void caseStudyAge_monthOnlyGoLiveTooOld_isInfoAndBlocker() {
    Evaluation result = goLive("2025-04", AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("case-study-age", "2.1", INFO, "Case Studies!J2"),
        seen("case-study-age", "2.1", BLOCKER, "Case Studies!J2"));
  }

  @Test
  void caseStudyAge_goLiveAsText_isReadLikeARealDate() {
    Evaluation result = goLive("05/31/2025", AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-age", "2.1", WARNING, "Case Studies!J2"));
  }

  @Test
  void caseStudyAge_severalCaseStudies_eachPointsAtItsOwnRow() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(2, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, LocalDate.of(2024, 1, 1)))
        .caseStudy(4, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, "soon"));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("case-study-age", "2.1", BLOCKER, "Case Studies!J3"),
        seen("case-study-age", "2.1", BLOCKER, "Case Studies!J5"));
    assertThat(result.findings("case-study-age")).extracting(f -> f.message().substring(0, 13))
        .containsExactly("Case study 2 ", "Case study 4'");
  }

  @ParameterizedTest
  @CsvSource({
      "2025-05-01, 2026-11-01",
      "2025-04-30, 2026-10-31",
      "2024-02-29, 2025-08-31",
      "2024-08-31, 2026-02-28",
      "2024-12-31, 2026-06-30",
      "2025-01-15, 2026-07-15"})
  void lastDayCounted_goLive_isTheLastAsOfDateWithin18Months(LocalDate live, LocalDate expected) {
    LocalDate last = CaseStudyAgeRule.lastDayCounted(live, 18);

    assertThat(last).isEqualTo(expected);
    assertThat(last.minusMonths(18)).isBeforeOrEqualTo(live);
    assertThat(last.plusDays(1).minusMonths(18)).isAfter(live);
  }
}
