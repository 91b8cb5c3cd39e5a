package dev.intake.model;

import java.util.Objects;

/**
 * One value read from the workbook, with the cell it came from.
 *
 * @param text the value as text, trimmed; empty when blank. Dates in a date format are ISO
 *     (yyyy-MM-dd), numbers have no trailing ".0", booleans are TRUE or FALSE.
 * @param kind what the cell held
 * @param ref where it is (or would be, for a blank cell of a missing column)
 * @param formula true when the value is a formula's cached result
 */
public record CellValue(String text, CellKind kind, CellRef ref, boolean formula) {

  public CellValue {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ref, "ref");
  }

  public static CellValue blank(CellRef ref) {
    return new CellValue("", CellKind.BLANK, ref, false);
  }

  public static CellValue text(String text, CellRef ref) {
    return new CellValue(text.strip(), text.isBlank() ? CellKind.BLANK : CellKind.TEXT, ref, false);
  }

  public boolean isBlank() {
    return text.isEmpty();
  }
}
