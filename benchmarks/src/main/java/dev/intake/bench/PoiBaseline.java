package dev.intake.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Baseline A: what a plain program does with POI — open the workbook with the user model, read every cell as text. */
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
}
