package dev.intake.model;

import java.util.Objects;

/**
 * Where a value came from, or where a missing value belongs: a sheet, an A1 cell and a 1-based row.
 *
 * <p>{@code cell} is null when a whole row (a missing column) or {@code row} too when a whole sheet is
 * meant; the report then points at the row or the sheet.
 */
public record CellRef(String sheet, String cell, Integer row) {

  public CellRef {
    Objects.requireNonNull(sheet, "sheet");
  }

  public static CellRef of(String sheet, int column, int row) {
    return new CellRef(sheet, A1.name(column, row), row);
  }

  public static CellRef row(String sheet, int row) {
    return new CellRef(sheet, null, row);
  }

  public static CellRef sheet(String sheet) {
    return new CellRef(sheet, null, null);
  }

  /** Column index (0-based) of the cell, or -1 when this reference is not to one cell. */
  public int column() {
    return cell == null ? -1 : A1.column(cell);
  }

  @Override
  public String toString() {
    if (cell != null) {
      return sheet + "!" + cell;
    }
    return row != null ? sheet + " row " + row : sheet;
  }
}
