package dev.intake.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The workbooks the benchmarks read, made from the committed READY sample so no large binary is
 * committed: {@value #READY} itself; {@value #MEDIUM}, the sample with {@value #MEDIUM_ROWS}
 * certification rows added (about the 48 KB, ~900-row workbook of the POI figures; it stays
 * READY); {@value #LARGE}, the sample with {@value #LARGE_ROWS} filled certification rows carrying
 * random text (about 5 MB), the file that must be evaluated or rejected under {@code -Xmx128m}.
 */
public final class Workbooks {

  public static final String READY = "ready.xlsx";
  public static final String MEDIUM = "medium.xlsx";
  public static final String LARGE = "large.xlsx";
  public static final int MEDIUM_ROWS = 900;
  public static final int LARGE_ROWS = 50_000;

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int LARGE_NOTE_CHARS = 90;

  private Workbooks() {
  }

  /** {@code Workbooks SAMPLE OUT_DIR}: writes the three workbooks into OUT_DIR. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: Workbooks READY_SAMPLE.xlsx OUT_DIR");
    }
    byte[] ready = Files.readAllBytes(Path.of(args[0]));
    Path out = Files.createDirectories(Path.of(args[1]));
    Files.write(out.resolve(READY), ready);
    Files.write(out.resolve(MEDIUM), withCertificationRows(ready, MEDIUM_ROWS, 0, 1));
    Files.write(out.resolve(LARGE), withCertificationRows(ready, LARGE_ROWS, LARGE_NOTE_CHARS, 2));
    for (String name : new String[] {READY, MEDIUM, LARGE}) {
      System.out.printf(Locale.ROOT, "%s %d bytes%n", name, Files.size(out.resolve(name)));
    }
  }

  /**
   * The workbook with {@code rows} more rows on its Certifications sheet: a new person each, the
   * certification and expiry of the sample's own rows in turn, a random validation number, and, when
   * {@code noteChars > 0}, a random note in an extra column (random so that it does not compress away).
   */
  public static byte[] withCertificationRows(byte[] workbook, int rows, int noteChars, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
      Sheet sheet = wb.getSheet("Certifications");
      int first = 1;
      int last = sheet.getLastRowNum();
      if (noteChars > 0) {
        Cell header = sheet.getRow(0).createCell(4);
        header.setCellValue("Notes");
        header.setCellStyle(sheet.getRow(0).getCell(0).getCellStyle());
      }
      for (int i = 0; i < rows; i++) {
        Row template = sheet.getRow(first + i % (last - first + 1));
        Row row = sheet.createRow(last + 1 + i);
        row.createCell(0).setCellValue(String.format(Locale.ROOT, "Engineer %05d %s", i, text(random, 6)));
        row.createCell(1).setCellValue(template.getCell(1).getStringCellValue());
        row.createCell(2).setCellValue(text(random, 12));
        Cell expiry = row.createCell(3);
        expiry.setCellValue(template.getCell(3).getNumericCellValue());
        expiry.setCellStyle(template.getCell(3).getCellStyle());
        if (noteChars > 0) {
          row.createCell(4).setCellValue(text(random, noteChars));
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
  }

  private static String text(SplittableRandom random, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
