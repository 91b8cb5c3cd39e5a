package dev.intake.model;

/** What a cell held, as far as the reader could tell. */
public enum CellKind {
  BLANK,
  TEXT,
  NUMBER,
  /** A number in a date format: {@link CellValue#text()} is then an ISO date. */
  DATE,
  BOOLEAN,
  /** An error value such as #N/A or #REF!. */
  ERROR
}
