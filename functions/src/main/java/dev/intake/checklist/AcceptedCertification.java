package dev.intake.checklist;

import java.util.Objects;

/**
 * A certification the checklist counts, under the name the template offers.
 *
 * @param countsAs the checklist's own name it counts as: itself, or for a successor the retired one
 * @param note why a successor counts, as the end of the note a partner reads ("…, counted as X, {note}.");
 *     empty for the checklist's own names
 */
public record AcceptedCertification(String name, String countsAs, String note) {

  public AcceptedCertification {
    Objects.requireNonNull(name, "name");
    countsAs = countsAs == null || countsAs.isBlank() ? name : countsAs;
    note = note == null ? "" : note;
  }

  /** True for a certification that took the place of one the checklist names. */
  public boolean successor() {
    return !countsAs.equals(name);
  }
}
