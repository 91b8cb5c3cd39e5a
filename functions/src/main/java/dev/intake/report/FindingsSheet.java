package dev.intake.report;

import static dev.intake.report.WorkbookAnnotator.cellText;

import dev.intake.model.A1;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import dev.intake.template.TemplateGenerator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFHyperlink;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The "Findings" sheet: a summary, then one row per finding, blockers first. */
final class FindingsSheet {

  static final String NAME = "Findings";

  /** Column headers, in order. */
  static final List<String> HEADERS = List.of("Severity", "Checklist ref", "Rule", "Sheet", "Cell", "Message",
      "Remediation", "Checklist quote");
  private static final int[] WIDTHS = {11, 13, 28, 18, 12, 70, 60, 70};

  static final int STATUS_ROW = 1;
  static final int NOTE_ROW = 4;
  static final int CHANGES_ROW = 5;
  /** 0-based index of the header row; findings start on the row below. */
  static final int HEADER_ROW = 7;

  private final XSSFWorkbook wb;
  private final XSSFCellStyle title;
  private final XSSFCellStyle label;
  private final XSSFCellStyle header;
  private final XSSFCellStyle wrap;
  private final XSSFCellStyle link;
  private final Map<Severity, XSSFCellStyle> severity = new EnumMap<>(Severity.class);

  private FindingsSheet(XSSFWorkbook wb) {
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
    header = TemplateGenerator.headerStyle(wb);
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
      style.setFillForegroundColor(WorkbookAnnotator.color(WorkbookAnnotator.FILLS.get(s)));
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
   * @param changes what changed since the partner's previous submission, or null when not compared
   */
  static XSSFSheet addTo(XSSFWorkbook wb, FindingsReport report, String note, Comparison changes, boolean linked) {
    XSSFSheet sheet = wb.createSheet(freeName(wb));
    // Moved before it is filled, so POI renumbers the other sheets' defined names once.
    wb.setSheetOrder(sheet.getSheetName(), 0);
    for (int i = 0; i < wb.getNumberOfSheets(); i++) {
      wb.getSheetAt(i).setSelected(i == 0);
    }
    wb.setActiveSheet(0);
    wb.setFirstVisibleTab(0);
    new FindingsSheet(wb).fill(sheet, report, note, changes, linked);
    return sheet;
  }

  private void fill(XSSFSheet sheet, FindingsReport report, String note, Comparison changes, boolean linked) {
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
    XSSFRow changesRow = sheet.createRow(CHANGES_ROW);
    text(changesRow, 0, "Changes", label);
    text(changesRow, 1, changesLine(changes), null);

    XSSFRow head = sheet.createRow(HEADER_ROW);
    for (int i = 0; i < HEADERS.size(); i++) {
      text(head, i, HEADERS.get(i), header);
    }
    int r = HEADER_ROW + 1;
    FindingQuotes quotes = FindingQuotes.of(report);
    for (Finding f : report.findings()) {
      XSSFRow row = sheet.createRow(r++);
      text(row, 0, WorkbookAnnotator.label(f.severity()), severity.get(f.severity()));
      text(row, 1, f.checklistRef(), wrap);
      text(row, 2, f.ruleId(), wrap);
      location(row, f.location(), linked);
      text(row, 5, f.message(), wrap);
      text(row, 6, f.remediation(), wrap);
      text(row, 7, quotes.display(f), wrap);
    }
    if (report.findings().isEmpty()) {
      text(sheet.createRow(r), 5, "No findings: every check passed.", wrap);
    }
    sheet.createFreezePane(0, HEADER_ROW + 1);
    sheet.setAutoFilter(new CellRangeAddress(HEADER_ROW, Math.max(HEADER_ROW + 1, r - 1), 0, HEADERS.size() - 1));
    sheet.setTabColor(WorkbookAnnotator.color(report.summary().blockers() > 0 ? "C00000" : "548235"));
  }

  static String statusLine(FindingsReport r) {
    return r.status() + ": " + r.summary().blockers() + " blocker" + (r.summary().blockers() == 1 ? "" : "s") + ", "
        + r.summary().warnings() + " warning" + (r.summary().warnings() == 1 ? "" : "s") + ", "
        + r.summary().passed() + " checks passed, as of " + r.asOf();
  }

  /** The "Changes" line: "3 fixed, 1 new since 2026-10-01 (sub-…)", or that nothing was compared. */
  static String changesLine(Comparison changes) {
    return changes == null ? "Not compared: no earlier evaluated submission of this partner."
        : changes.line() + " (" + changes.previousSubmissionId() + ")";
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
      return WorkbookAnnotator.validCell(ref, A1.row(ref), A1.column(ref))
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
