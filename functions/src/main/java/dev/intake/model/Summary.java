package dev.intake.model;

import java.util.List;

/** Counts of a report's findings, and of the checks that raised nothing. */
public record Summary(int blockers, int warnings, int passed) {

  public static Summary of(List<Finding> findings, int passed) {
    int blockers = 0;
    int warnings = 0;
    for (Finding f : findings) {
      if (f.severity() == Severity.BLOCKER) {
        blockers++;
      } else if (f.severity() == Severity.WARNING) {
        warnings++;
      }
    }
    return new Summary(blockers, warnings, passed);
  }
}
