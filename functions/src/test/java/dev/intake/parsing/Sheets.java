package dev.intake.parsing;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/** Edits on a POI sheet that partners make by hand: moving columns, inserting rows and titles. */
final class Sheets {

  private Sheets() {
  }

  /** Swaps the contents (values and styles) of two columns on every row. */
  static void swapColumns(Sheet sheet, int a, int b) {
    for (Row row : sheet) {
      Snapshot first = Snapshot.of(row.getCell(a));
      Snapshot second = Snapshot.of(row.getCell(b));
      Snapshot.write(second, row, a);
      Snapshot.write(first, row, b);
    }
  }

  /** Moves every row down by {@code count} and writes {@code title} into A1. */
  static void titleAbove(Sheet sheet, int count, String title) {
    sheet.shiftRows(0, sheet.getLastRowNum(), count);
    Row top = sheet.getRow(0) == null ? sheet.createRow(0) : sheet.getRow(0);
    top.createCell(0).setCellValue(title);
  }

  /** Sets a header cell's text (row 1 unless told). */
  static void header(Sheet sheet, int column, String text) {
    Cell cell = sheet.getRow(0).getCell(column);
    if (text == null) {
      sheet.getRow(0).removeCell(cell);
    } else {
      cell.setCellValue(text);
    }
  }

  private record Snapshot(CellType type, String text, double number, boolean bool, CellStyle style) {

    static Snapshot of(Cell cell) {
      if (cell == null) {
        return null;
      }
      return switch (cell.getCellType()) {
        case STRING -> new Snapshot(CellType.STRING, cell.getStringCellValue(), 0, false, cell.getCellStyle());
        case NUMERIC -> new Snapshot(CellType.NUMERIC, null, cell.getNumericCellValue(), false, cell.getCellStyle());
        case BOOLEAN -> new Snapshot(CellType.BOOLEAN, null, 0, cell.getBooleanCellValue(), cell.getCellStyle());
        default -> new Snapshot(CellType.BLANK, null, 0, false, cell.getCellStyle());
      };
    }

    static void write(Snapshot s, Row row, int column) {
      Cell old = row.getCell(column);
      if (s == null) {
        if (old != null) {
          row.removeCell(old);
        }
        return;
      }
      Cell cell = old == null ? row.createCell(column) : old;
      cell.setBlank();
      switch (s.type()) {
        case STRING -> cell.setCellValue(s.text());
        case NUMERIC -> cell.setCellValue(s.number());
        case BOOLEAN -> cell.setCellValue(s.bool());
        default -> {
          // blank
        }
      }
      cell.setCellStyle(s.style());
    }
  }
}
