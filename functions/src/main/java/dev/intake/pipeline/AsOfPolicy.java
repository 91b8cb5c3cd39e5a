package dev.intake.pipeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Which day a submission is judged on: by default the day it was uploaded (UTC). */
@FunctionalInterface
public interface AsOfPolicy {

  LocalDate asOf(Instant uploadedAt);

  static AsOfPolicy uploadDay() {
    return uploadDay(ZoneOffset.UTC);
  }

  static AsOfPolicy uploadDay(ZoneId zone) {
    return at -> LocalDate.ofInstant(at, zone);
  }

  /** Every submission judged on one day, e.g. the stated date of the sample workbooks. */
  static AsOfPolicy fixed(LocalDate day) {
    return at -> day;
  }
}
