package dev.intake.report;

import dev.intake.model.A1;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import dev.intake.parsing.Limits;
import dev.intake.parsing.ParseOutcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a partner gets back: a copy of their workbook with every finding as a comment on its cell,
 * the cell filled by severity (blocker red, warning amber, note blue), and a "Findings" sheet as the
 * first tab listing every finding with a link to its cell.
 *
 * <p>The Findings sheet is the first tab, and the active one, because it is the answer the partner
 * opened the file for: the tab they see on opening says what to fix and links to each cell.
 *
 * <p>The copy is made with POI's user model, which holds the whole workbook in memory. A workbook
 * above {@link Bounds} (file size, inflated size, parsed rows) is therefore not copied: the result is
 * a new workbook with only the Findings sheet and a note saying why. A REJECTED report always gets
 * that findings-only workbook, so a file the parser refused is never opened with the user model.
 *
 * <p>Every text written into a cell passes through {@link #cellText}: text starting with {@code =},
 * {@code +}, {@code -}, {@code @}, tab or carriage return gets a leading {@code '} (OWASP's advice
 * against formula injection), since messages quote what the partner typed.
 */
public final class WorkbookAnnotator {

  /**
   * The logger, built on first use: a call that logs nothing (the usual case) never starts the logging
   * framework, which costs more than a whole cold verdict (see BENCHMARKS.md).
   */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(WorkbookAnnotator.class);
  }

  /** Author of the comments this class writes; a comment by this author is replaced, not kept. */
  public static final String COMMENT_AUTHOR = "Competency intake";

  /** Fill colours: Excel's light red, amber and blue, dark enough to see and light enough to read. */
  static final Map<Severity, String> FILLS = Map.of(
      Severity.BLOCKER, "FFC7CE",
      Severity.WARNING, "FFEB9C",
      Severity.INFO, "DDEBF7");

  private static final String FORMULA_STARTS = "=+-@\t\r";
  private static final int COMMENT_COLUMNS = 5;
  private static final int MAX_COMMENT_ROWS = 24;

  /**
   * How large a workbook may be and still be copied with the user model.
   *
   * @param maxFileBytes the workbook's size as uploaded
   * @param maxInflatedBytes the size of all its zip parts once inflated (what the user model holds)
   * @param maxRows rows the parser read from the four template sheets
   */
  public record Bounds(long maxFileBytes, long maxInflatedBytes, int maxRows) {

    /**
     * 4 MB uploaded, 16 MB inflated, 5,000 rows: a completed self-assessment is well under 1 MB and
     * a few hundred rows; 16 MB of sheet XML costs the user model a few hundred MB of heap at most.
     */
    public static final Bounds DEFAULT = new Bounds(4L * 1024 * 1024, 16L * 1024 * 1024, 5_000);
  }

  /**
   * The workbook to give back.
   *
   * @param workbook .xlsx bytes
   * @param annotatedCopy true when it is the partner's workbook annotated; false when it holds only
   *     the Findings sheet
   * @param note why the copy was not annotated; empty when it was
   */
  public record Annotation(byte[] workbook, boolean annotatedCopy, String note) {
  }

  private final Bounds bounds;

  public WorkbookAnnotator() {
    this(Bounds.DEFAULT);
  }

  public WorkbookAnnotator(Bounds bounds) {
    this.bounds = bounds;
  }

  /** Annotates without the parser's row count (the file and inflated sizes still bound the cost). */
  public Annotation annotate(byte[] original, FindingsReport report) {
    return annotate(original, report, null, null);
  }

  /** Annotates, with what changed since the partner's previous submission on the Findings sheet. */
  public Annotation annotate(byte[] original, FindingsReport report, Comparison changes) {
    return annotate(original, report, null, changes);
  }

  /** Annotates a copy of {@code original} with the findings of {@code report}. */
  public Annotation annotate(byte[] original, FindingsReport report, ParseOutcome.Stats stats) {
    return annotate(original, report, stats, null);
  }

  /**
   * Annotates a copy of {@code original} with the findings of {@code report}.
   *
   * @param stats what the parser read, or null when not known
   * @param changes what changed since the partner's previous submission, or null when not compared
   */
  public Annotation annotate(byte[] original, FindingsReport report, ParseOutcome.Stats stats, Comparison changes) {
    String refusal = refusal(original, report, stats);
    if (refusal == null) {
      try {
        return new Annotation(annotatedCopy(original, report, changes), true, "");
      } catch (IOException | RuntimeException e) {
        // The streaming parser read it but the user model would not: still give the findings back.
        Log.LOG.warn("Could not annotate a copy of the workbook: {}", e.toString());
        refusal = "This workbook could not be opened for annotation (" + e.getClass().getSimpleName()
            + "), so the findings are given in this separate workbook.";
      }
    }
    return new Annotation(findingsOnly(report, refusal, changes), false, refusal);
  }

  private String refusal(byte[] original, FindingsReport report, ParseOutcome.Stats stats) {
    if (report.status() == ReportStatus.REJECTED || original == null) {
      return "The uploaded file could not be read as a workbook of the template, so there is no copy to annotate;"
          + " the findings are listed here.";
    }
    if (original.length > bounds.maxFileBytes()) {
      return "The workbook is " + megabytes(original.length) + ", larger than the " + megabytes(bounds.maxFileBytes())
          + " up to which copies are annotated, so the findings are given in this separate workbook.";
    }
    if (stats != null && stats.rowsRead() > bounds.maxRows()) {
      return "The workbook has " + stats.rowsRead() + " filled rows, more than the " + bounds.maxRows()
          + " up to which copies are annotated, so the findings are given in this separate workbook.";
    }
    long inflated = inflatedSize(original, bounds.maxInflatedBytes());
    if (inflated < 0) {
      return "The workbook's zip could not be read for annotation, so the findings are given in this separate"
          + " workbook.";
    }
    if (inflated > bounds.maxInflatedBytes()) {
      return "The workbook expands to more than " + megabytes(bounds.maxInflatedBytes()) + " when opened, so it was"
          + " not annotated; the findings are given in this separate workbook.";
    }
    return null;
  }

  /**
   * Bytes all zip entries inflate to, counted as they are read (entry headers can lie), stopping
   * just past {@code limit}; -1 when the zip cannot be read.
   */
  static long inflatedSize(byte[] zip, long limit) {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (entry.isDirectory()) {
          continue;
        }
        int n;
        while ((n = in.read(buffer)) > 0) {
          total += n;
          if (total > limit) {
            return total;
          }
        }
      }
      return total;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  // ---- the annotated copy --------------------------------------------------------------------

  private byte[] annotatedCopy(byte[] original, FindingsReport report, Comparison changes) throws IOException {
    try (InputStream in = new ByteArrayInputStream(original); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Map<CellKey, List<Finding>> byCell = new LinkedHashMap<>();
      for (Finding f : report.findings()) {
        CellKey key = cellOf(wb, f);
        if (key != null) {
          byCell.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
      }
      Marker marker = new Marker(wb);
      byCell.forEach(marker::mark);
      FindingsSheet.addTo(wb, report, "Cells with findings are filled red (blocker), amber (warning) or blue"
          + " (note), and each carries a comment; the Cell column links to them.", changes, true);
      return bytes(wb);
    }
  }

  private static byte[] findingsOnly(FindingsReport report, String note, Comparison changes) {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      FindingsSheet.addTo(wb, report, note, changes, false);
      return bytes(wb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(XSSFWorkbook wb) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    wb.write(out);
    return out.toByteArray();
  }

  /** A cell of the copy: its sheet as the workbook names it, 0-based row and column. */
  record CellKey(String sheet, int row, int column) {
  }

  /** The cell a finding points at in this workbook, or null (no cell, or the sheet or cell is not there). */
  static CellKey cellOf(XSSFWorkbook wb, Finding f) {
    if (f.location() == null || f.location().cell() == null) {
      return null;
    }
    XSSFSheet sheet = wb.getSheet(f.location().sheet());
    if (sheet == null) {
      return null;
    }
    String ref = f.location().cell();
    int column = A1.column(ref);
    int row = A1.row(ref);
    if (!validCell(ref, row, column)) {
      return null;
    }
    // A finding on a cell hidden under a merge is shown on the merged area's visible cell.
    for (CellRangeAddress merged : sheet.getMergedRegions()) {
      if (merged.isInRange(row - 1, column)) {
        return new CellKey(sheet.getSheetName(), merged.getFirstRow(), merged.getFirstColumn());
      }
    }
    return new CellKey(sheet.getSheetName(), row - 1, column);
  }

  static boolean validCell(String ref, int row, int column) {
    SpreadsheetVersion v = SpreadsheetVersion.EXCEL2007;
    return ref.matches("[A-Za-z]{1,3}[0-9]{1,7}") && row >= 1 && row <= v.getMaxRows() && column >= 0
        && column < v.getMaxColumns();
  }

  /** Puts the comment and the fill on cells, sharing one cloned style per original style and severity. */
  private static final class Marker {
    private final XSSFWorkbook wb;
    private final Map<Integer, Map<Severity, XSSFCellStyle>> styles = new HashMap<>();

    Marker(XSSFWorkbook wb) {
      this.wb = wb;
    }

    void mark(CellKey key, List<Finding> findings) {
      XSSFSheet sheet = wb.getSheet(key.sheet());
      XSSFRow row = sheet.getRow(key.row());
      if (row == null) {
        row = sheet.createRow(key.row());
      }
      XSSFCell cell = row.getCell(key.column());
      if (cell == null) {
        cell = row.createCell(key.column());
        // A new cell takes the look it would have had: the row's style, else the column's (a date format).
        CellStyle inherited = row.isFormatted() ? row.getRowStyle() : sheet.getColumnStyle(key.column());
        if (inherited != null) {
          cell.setCellStyle(inherited);
        }
      }
      Severity worst = findings.stream().map(Finding::severity).min(Comparator.naturalOrder()).orElseThrow();
      cell.setCellStyle(filled(cell.getCellStyle(), worst));
      comment(sheet, cell, findings);
    }

    private XSSFCellStyle filled(XSSFCellStyle base, Severity severity) {
      return styles.computeIfAbsent((int) base.getIndex(), k -> new EnumMap<>(Severity.class))
          .computeIfAbsent(severity, s -> {
            XSSFCellStyle style = wb.createCellStyle();
            style.cloneStyleFrom(base);
            style.setFillForegroundColor(color(FILLS.get(s)));
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            return style;
          });
    }

    private void comment(XSSFSheet sheet, XSSFCell cell, List<Finding> findings) {
      StringBuilder text = new StringBuilder();
      for (Finding f : findings) {
        if (!text.isEmpty()) {
          text.append("\n\n");
        }
        text.append(label(f.severity())).append(" [").append(Text.visible(f.checklistRef())).append("] ")
            .append(Text.visible(f.message())).append("\n→ ").append(Text.visible(f.remediation()));
      }
      Comment existing = cell.getCellComment();
      if (existing != null && !COMMENT_AUTHOR.equals(existing.getAuthor())) {
        // The partner's own note stays, below the findings.
        text.append("\n\n— Earlier comment").append(existing.getAuthor() == null || existing.getAuthor().isBlank()
            ? "" : " by " + existing.getAuthor()).append(" —\n").append(existing.getString().getString());
      }
      if (existing != null) {
        cell.removeCellComment();
      }
      XSSFDrawing drawing = sheet.createDrawingPatriarch();
      int lines = (int) text.chars().filter(c -> c == '\n').count() + 1 + text.length() / 60;
      XSSFClientAnchor anchor = wb.getCreationHelper().createClientAnchor();
      anchor.setAnchorType(ClientAnchor.AnchorType.DONT_MOVE_AND_RESIZE);
      // POI files a new comment under the anchor's top-left cell before it is moved to this cell, and
      // refuses a cell that already has one: the box starts right of the cell unless that cell is
      // commented (by the partner, or by a finding placed earlier), then on the cell itself.
      int boxColumn = sheet.getCellComment(new CellAddress(cell.getRowIndex(), cell.getColumnIndex() + 1)) == null
          ? cell.getColumnIndex() + 1
          : cell.getColumnIndex();
      anchor.setCol1(boxColumn);
      anchor.setCol2(boxColumn + COMMENT_COLUMNS);
      anchor.setRow1(cell.getRowIndex());
      anchor.setRow2(cell.getRowIndex() + Math.min(Math.max(lines, 4), MAX_COMMENT_ROWS));
      Comment comment = drawing.createCellComment(anchor);
      comment.setString(new XSSFRichTextString(text.toString()));
      comment.setAuthor(COMMENT_AUTHOR);
      cell.setCellComment(comment);
    }
  }

  static String label(Severity s) {
    return switch (s) {
      case BLOCKER -> "BLOCKER";
      case WARNING -> "WARNING";
      case INFO -> "NOTE";
    };
  }

  static XSSFColor color(String rgb) {
    int v = Integer.parseInt(rgb, 16);
    return new XSSFColor(new byte[] {(byte) (v >> 16), (byte) (v >> 8), (byte) v}, null);
  }

  /**
   * Text as it may be written into a cell: control, bidirectional and zero-width characters removed,
   * cut to Excel's cell limit, and a leading {@code '} when it would otherwise start like a formula.
   */
  public static String cellText(String raw) {
    String s = Text.visible(raw);
    if (s.length() > Limits.MAX_CELL_CHARS - 2) {
      s = s.substring(0, Limits.MAX_CELL_CHARS - 3) + "…";
    }
    if (!s.isEmpty() && FORMULA_STARTS.indexOf(s.charAt(0)) >= 0) {
      return "'" + s;
    }
    return s;
  }
}
