package dev.intake.report;

/**
 * The workbook holds something the annotated copy cannot be written around (Strict Open XML, a styles
 * part without fonts, cells out of order): the findings are then given in a separate workbook.
 */
final class UnsupportedWorkbookException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UnsupportedWorkbookException(String message) {
    super(message);
  }
}
