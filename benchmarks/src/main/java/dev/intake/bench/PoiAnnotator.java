package dev.intake.bench;

import static dev.intake.report.WorkbookAnnotator.cellText;

import dev.intake.model.A1;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFHyperlink;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The previous annotator, kept here only as the benchmarks' baseline (the application no longer uses
 * POI's user model for the annotated copy): the partner's workbook opened with {@code XSSFWorkbook},
 * each finding's cell filled by severity and commented, a Findings sheet put first, the workbook
 * written again. Its code as it was in the pipeline (commit 0bf2ca8's {@code WorkbookAnnotator} and
 * {@code FindingsSheet}), without the size bounds: it always annotates.
 */
public final class PoiAnnotator {

  static final String COMMENT_AUTHOR = "Competency intake";
  static final Map<Severity, String> FILLS = Map.of(
      Severity.BLOCKER, "FFC7CE",
      Severity.WARNING, "FFEB9C",
      Severity.INFO, "DDEBF7");
  private static final int COMMENT_COLUMNS = 5;
  private static final int MAX_COMMENT_ROWS = 24;

  private PoiAnnotator() {
  }

  /** The annotated copy of {@code original}. */
  public static byte[] annotate(byte[] original, FindingsReport report) throws IOException {
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
      Sheet.addTo(wb, report, "Cells with findings are filled red (blocker), amber (warning) or blue"
          + " (note), and each carries a comment; the Cell column links to them.", true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
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

  /** The "Findings" sheet: a summary, then one row per finding, blockers first. */
  static final class Sheet {

  static final String NAME = "Findings";
  
    /** Column headers, in order. */
    static final List<String> HEADERS = List.of("Severity", "Checklist ref", "Rule", "Sheet", "Cell", "Message",
        "Remediation");
    private static final int[] WIDTHS = {11, 13, 28, 18, 12, 70, 60};
  
    static final int STATUS_ROW = 1;
    static final int NOTE_ROW = 4;
    /** 0-based index of the header row; findings start on the row below. */
    static final int HEADER_ROW = 6;
  
    private final XSSFWorkbook wb;
    private final XSSFCellStyle title;
    private final XSSFCellStyle label;
    private final XSSFCellStyle header;
    private final XSSFCellStyle wrap;
    private final XSSFCellStyle link;
    private final Map<Severity, XSSFCellStyle> severity = new EnumMap<>(Severity.class);
  
    private Sheet(XSSFWorkbook wb) {
      this.wb = wb;
      XSSFFont big = wb.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 14);
      title = wb.createCellStyle();
      title.setFont(big);
      XSSFFont bold = wb.createFont();
      bold.setBold(true);
      label = wb.createCellStyle();
      label.setFont(bold);
      label.setVerticalAlignment(VerticalAlignment.TOP);
      header = headerStyle(wb);
      wrap = wb.createCellStyle();
      wrap.setWrapText(true);
      wrap.setVerticalAlignment(VerticalAlignment.TOP);
      XSSFFont underlined = wb.createFont();
      underlined.setUnderline(Font.U_SINGLE);
      underlined.setColor(IndexedColors.BLUE.getIndex());
      link = wb.createCellStyle();
      link.setFont(underlined);
      link.setVerticalAlignment(VerticalAlignment.TOP);
      for (Severity s : Severity.values()) {
        XSSFCellStyle style = wb.createCellStyle();
        style.setFont(bold);
        style.setVerticalAlignment(VerticalAlignment.TOP);
        style.setFillForegroundColor(PoiAnnotator.color(PoiAnnotator.FILLS.get(s)));
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        severity.put(s, style);
      }
    }
  
    /** A name for the sheet that the workbook does not use yet: "Findings", else "Findings (2)", ... */
    static String freeName(XSSFWorkbook wb) {
      String name = NAME;
      for (int n = 2; wb.getSheet(name) != null; n++) {
        name = NAME + " (" + n + ")";
      }
      return name;
    }
  
    /**
     * Adds the sheet as the first, active tab.
     *
     * @param linked whether the workbook holds the sheets the findings name, so cells can link to them
     */
    static XSSFSheet addTo(XSSFWorkbook wb, FindingsReport report, String note, boolean linked) {
      XSSFSheet sheet = wb.createSheet(freeName(wb));
      // Moved before it is filled, so POI renumbers the other sheets' defined names once.
      wb.setSheetOrder(sheet.getSheetName(), 0);
      for (int i = 0; i < wb.getNumberOfSheets(); i++) {
        wb.getSheetAt(i).setSelected(i == 0);
      }
      wb.setActiveSheet(0);
      wb.setFirstVisibleTab(0);
      new Sheet(wb).fill(sheet, report, note, linked);
      return sheet;
    }
  
    private void fill(XSSFSheet sheet, FindingsReport report, String note, boolean linked) {
      for (int i = 0; i < WIDTHS.length; i++) {
        sheet.setColumnWidth(i, WIDTHS[i] * 256);
      }
      text(sheet.createRow(0), 0, "Findings — AWS DevOps Competency self-assessment, checklist "
          + report.checklistVersion(), title);
      XSSFRow status = sheet.createRow(STATUS_ROW);
      text(status, 0, "Status", label);
      text(status, 1, statusLine(report), label);
      XSSFRow asOf = sheet.createRow(2);
      text(asOf, 0, "As of", label);
      text(asOf, 1, report.asOf().toString(), null);
      XSSFRow partner = sheet.createRow(3);
      text(partner, 0, "Partner", label);
      text(partner, 1, partner(report), null);
      XSSFRow noteRow = sheet.createRow(NOTE_ROW);
      text(noteRow, 0, "Note", label);
      text(noteRow, 1, note, null);
  
      XSSFRow head = sheet.createRow(HEADER_ROW);
      for (int i = 0; i < HEADERS.size(); i++) {
        text(head, i, HEADERS.get(i), header);
      }
      int r = HEADER_ROW + 1;
      for (Finding f : report.findings()) {
        XSSFRow row = sheet.createRow(r++);
        text(row, 0, PoiAnnotator.label(f.severity()), severity.get(f.severity()));
        text(row, 1, f.checklistRef(), wrap);
        text(row, 2, f.ruleId(), wrap);
        location(row, f.location(), linked);
        text(row, 5, f.message(), wrap);
        text(row, 6, f.remediation(), wrap);
      }
      if (report.findings().isEmpty()) {
        text(sheet.createRow(r), 5, "No findings: every check passed.", wrap);
      }
      sheet.createFreezePane(0, HEADER_ROW + 1);
      sheet.setAutoFilter(new CellRangeAddress(HEADER_ROW, Math.max(HEADER_ROW + 1, r - 1), 0, HEADERS.size() - 1));
      sheet.setTabColor(PoiAnnotator.color(report.summary().blockers() > 0 ? "C00000" : "548235"));
    }
  
    static String statusLine(FindingsReport r) {
      return r.status() + ": " + r.summary().blockers() + " blocker" + (r.summary().blockers() == 1 ? "" : "s") + ", "
          + r.summary().warnings() + " warning" + (r.summary().warnings() == 1 ? "" : "s") + ", "
          + r.summary().passed() + " checks passed, as of " + r.asOf();
    }
  
    private static String partner(FindingsReport r) {
      String name = Text.visible(r.partner().name());
      String id = Text.visible(r.partner().id());
      if (name.isEmpty() && id.isEmpty()) {
        return "(not named in the workbook)";
      }
      return id.isEmpty() ? name : name.isEmpty() ? id : name + " [" + id + "]";
    }
  
    /** Sheet and Cell columns; the Cell column links to the cell, row or sheet when the workbook has it. */
    private void location(XSSFRow row, CellRef at, boolean linked) {
      if (at == null) {
        text(row, 3, "(whole file)", wrap);
        return;
      }
      text(row, 3, at.sheet(), wrap);
      String cell = at.cell() != null ? at.cell() : at.row() != null ? "row " + at.row() : "whole sheet";
      XSSFCell c = text(row, 4, cell, wrap);
      String target = target(at);
      if (linked && target != null && wb.getSheet(at.sheet()) != null) {
        XSSFHyperlink h = wb.getCreationHelper().createHyperlink(HyperlinkType.DOCUMENT);
        h.setAddress("'" + wb.getSheet(at.sheet()).getSheetName().replace("'", "''") + "'!" + target);
        c.setHyperlink(h);
        c.setCellStyle(link);
      }
    }
  
    private static String target(CellRef at) {
      if (at.cell() != null) {
        String ref = at.cell().toUpperCase(Locale.ROOT);
        return PoiAnnotator.validCell(ref, A1.row(ref), A1.column(ref))
            ? ref : null;
      }
      if (at.row() != null) {
        return at.row() >= 1 && at.row() <= SpreadsheetVersion.EXCEL2007.getMaxRows()
            ? "A" + at.row() : null;
      }
      return "A1";
    }
  
    private static XSSFCell text(XSSFRow row, int column, String value, XSSFCellStyle style) {
      XSSFCell c = row.createCell(column);
      c.setCellValue(cellText(value));
      if (style != null) {
        c.setCellStyle(style);
      }
      return c;
    }
  }

  /** The template's header style, as the previous annotator took it from the template generator. */
  private static XSSFCellStyle headerStyle(XSSFWorkbook wb) {
    Font white = wb.createFont();
    white.setBold(true);
    white.setColor(IndexedColors.WHITE.getIndex());
    XSSFCellStyle header = wb.createCellStyle();
    header.setFont(white);
    header.setFillForegroundColor(IndexedColors.DARK_BLUE.getIndex());
    header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    header.setBorderBottom(BorderStyle.THIN);
    header.setVerticalAlignment(VerticalAlignment.CENTER);
    return header;
  }
}
