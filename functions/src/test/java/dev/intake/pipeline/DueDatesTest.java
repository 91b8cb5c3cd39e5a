package dev.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Five business days, Monday to Friday in UTC, counted from the day after receipt. */
class DueDatesTest {

  @ParameterizedTest
  @CsvSource({
      "2026-11-02T09:00:00Z, 2026-11-09", // Monday → next Monday
      "2026-11-04T23:59:59Z, 2026-11-11", // Wednesday late at night (UTC) → next Wednesday
      "2026-11-06T12:00:00Z, 2026-11-13", // Friday → next Friday
      "2026-11-07T12:00:00Z, 2026-11-13", // Saturday → counts from Monday
      "2026-11-08T00:00:00Z, 2026-11-13"}) // Sunday → counts from Monday
  void dueBy_eachKindOfDay_isTheFifthBusinessDayAfter(Instant received, LocalDate due) {
    assertThat(DueDates.dueBy(received)).isEqualTo(due);
  }

  @Test
  void overdue_onTheDueDate_isNotYetAndTheDayAfterIs() {
    Instant monday = Instant.parse("2026-11-02T09:00:00Z");

    assertThat(DueDates.overdue(monday, LocalDate.of(2026, 11, 9))).isFalse();
    assertThat(DueDates.overdue(monday, LocalDate.of(2026, 11, 10))).isTrue();
  }

  @Test
  void overdueBefore_agreesWithOverdueForEveryHourOfSixWeeks() {
    for (LocalDate today = LocalDate.of(2026, 11, 2); today.isBefore(LocalDate.of(2026, 12, 14));
        today = today.plusDays(1)) {
      Instant cutoff = DueDates.overdueBefore(today);
      for (Instant at = Instant.parse("2026-10-01T00:00:00Z"); at.isBefore(Instant.parse("2026-12-14T00:00:00Z"));
          at = at.plusSeconds(3600)) {
        assertThat(at.isBefore(cutoff)).as(at + " on " + today).isEqualTo(DueDates.overdue(at, today));
      }
    }
  }
}
