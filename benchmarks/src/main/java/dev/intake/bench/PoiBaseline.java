package dev.intake.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Baseline A: what a plain program does with POI — open the workbook with the user model, read every
 * cell as text; and baseline W: open it and write it again, what any POI program that hands back a
 * changed workbook does at least.
 */
public final class PoiBaseline {

  private PoiBaseline() {
  }

  /** The number of characters of cell text read, so the work cannot be optimised away. */
  public static long readAll(byte[] xlsx) throws IOException {
    DataFormatter formatter = new DataFormatter();
    long chars = 0;
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      for (Sheet sheet : workbook) {
        for (Row row : sheet) {
          for (Cell cell : row) {
            chars += formatter.formatCellValue(cell).length();
          }
        }
      }
    }
    return chars;
  }

  /** Baseline W: the workbook opened with the user model and written again; the bytes written. */
  public static long loadAndWrite(byte[] xlsx) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(xlsx.length);
      workbook.write(out);
      return out.size();
    }
  }
}
