package dev.intake.pipeline;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The program office's promise: "respond within five business days". A submission is due on the
 * fifth business day (Monday to Friday, in UTC) after the day it was received, and overdue from the
 * day after that while the office has not answered. There is no holiday calendar: a public holiday
 * counts as a business day.
 */
public final class DueDates {

  public static final int BUSINESS_DAYS = 5;

  private DueDates() {
  }

  /** The fifth business day after the (UTC) day of {@code receivedAt}. */
  public static LocalDate dueBy(Instant receivedAt) {
    return plusBusinessDays(receivedAt.atZone(ZoneOffset.UTC).toLocalDate(), BUSINESS_DAYS);
  }

  /** {@code days} business days after {@code date} (a weekend date counts from the Monday). */
  public static LocalDate plusBusinessDays(LocalDate date, int days) {
    LocalDate d = date;
    for (int left = days; left > 0; ) {
      d = d.plusDays(1);
      if (businessDay(d)) {
        left--;
      }
    }
    return d;
  }

  /** The business day before {@code date}. */
  public static LocalDate previousBusinessDay(LocalDate date) {
    LocalDate d = date.minusDays(1);
    while (!businessDay(d)) {
      d = d.minusDays(1);
    }
    return d;
  }

  public static boolean businessDay(LocalDate d) {
    return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /** Past its due date on {@code today}. */
  public static boolean overdue(Instant receivedAt, LocalDate today) {
    return today.isAfter(dueBy(receivedAt));
  }

  /**
   * The start of the earliest day whose submissions are not yet overdue on {@code today}: since the
   * due date never moves back as the day received moves forward, a submission is overdue exactly
   * when it was received before this instant — which lets a store read the overdue ones as a range.
   */
  public static Instant overdueBefore(LocalDate today) {
    LocalDate d = today.minusDays(3L * BUSINESS_DAYS);
    while (today.isAfter(plusBusinessDays(d, BUSINESS_DAYS))) {
      d = d.plusDays(1);
    }
    return d.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
