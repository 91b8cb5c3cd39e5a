package dev.intake.report;

import static dev.intake.report.WorkbookAnnotator.cellText;

import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the "Findings" sheet says, as data: a title, lines of label and value, a table header and one
 * row per finding (blockers first, as the report orders them), each cell with its look and, for the
 * Cell column, a link. {@link FindingsSheetXml} writes it; nothing here knows XML, so a column is one
 * entry of {@link #COLUMNS} and a line one entry of {@link #lines}.
 */
final class FindingsSheet {

  static final String NAME = "Findings";

  /** How a cell looks; the writer turns each into a cell style of the workbook. */
  enum Look {
    /** The workbook's default style. */
    PLAIN,
    TITLE,
    LABEL,
    HEADER,
    WRAP,
    LINK,
    BLOCKER,
    WARNING,
    NOTE;

    static Look of(Severity s) {
      return switch (s) {
        case BLOCKER -> BLOCKER;
        case WARNING -> WARNING;
        case INFO -> NOTE;
      };
    }
  }

  /**
   * One cell: its text (already made safe by {@link WorkbookAnnotator#cellText}), look, and the
   * place in the workbook it links to ({@code 'Sheet'!B5}), or null.
   */
  record Cell(String text, Look look, String link) {

    static Cell of(String raw, Look look) {
      return new Cell(cellText(raw), look, null);
    }
  }

  /** A line above the table: a bold label in column A, its value in column B. */
  record Line(String label, String value, Look valueLook) {
  }

  /**
   * What a column draws on besides the finding: where a finding's location links to in the workbook
   * given back (null when it cannot link), and the checklist sentences of the report's version.
   */
  record Sources(Function<CellRef, String> link, FindingQuotes quotes) {
  }

  /** A column of the table: its header, width in characters, and the cell it shows for a finding. */
  record Column(String header, int width, BiFunction<Finding, Sources, Cell> cell) {
  }

  /**
   * The whole sheet. Rows are 0-based: the title, the lines, a blank row, the header, the findings.
   *
   * @param rows one list per row, one entry per column, null where the row has no cell
   * @param tabColor RRGGBB of the sheet's tab
   */
  record Content(String title, List<Line> lines, List<Column> columns, List<List<Cell>> rows, String tabColor) {

    Content {
      lines = List.copyOf(lines);
      columns = List.copyOf(columns);
      rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new ArrayList<>(r))).toList();
    }

    int headerRow() {
      return lines.size() + 2;
    }

    List<String> headers() {
      return columns.stream().map(Column::header).toList();
    }
  }

  static final List<Column> COLUMNS = List.of(
      new Column("Severity", 11, (f, with) -> Cell.of(WorkbookAnnotator.label(f.severity()), Look.of(f.severity()))),
      new Column("Checklist ref", 13, (f, with) -> Cell.of(f.checklistRef(), Look.WRAP)),
      new Column("Rule", 28, (f, with) -> Cell.of(f.ruleId(), Look.WRAP)),
      new Column("Sheet", 18, (f, with) -> Cell.of(f.location() == null ? "(whole file)" : f.location().sheet(),
          Look.WRAP)),
      new Column("Cell", 12, FindingsSheet::cellColumn),
      new Column("Message", 70, (f, with) -> Cell.of(f.message(), Look.WRAP)),
      new Column("Remediation", 60, (f, with) -> Cell.of(f.remediation(), Look.WRAP)),
      new Column("Checklist quote", 70, (f, with) -> Cell.of(with.quotes().display(f), Look.WRAP)));

  /** Column headers, in order. */
  static final List<String> HEADERS = COLUMNS.stream().map(Column::header).toList();

  private FindingsSheet() {
  }

  /**
   * The sheet for a report.
   *
   * @param note why the copy is (or is not) annotated
   * @param changes what changed since the partner's previous submission, or null when not compared
   * @param link where a finding's location links to in the workbook given back, or null
   */
  static Content content(FindingsReport report, String note, Comparison changes, Function<CellRef, String> link) {
    List<Line> lines = List.of(
        new Line("Status", statusLine(report), Look.LABEL),
        new Line("As of", report.asOf().toString(), Look.PLAIN),
        new Line("Partner", partner(report), Look.PLAIN),
        new Line("Note", note, Look.PLAIN),
        new Line("Changes", changesLine(changes), Look.PLAIN));
    Sources sources = new Sources(link, FindingQuotes.of(report));
    List<List<Cell>> rows = new ArrayList<>();
    for (Finding f : report.findings()) {
      List<Cell> row = new ArrayList<>();
      for (Column c : COLUMNS) {
        row.add(c.cell().apply(f, sources));
      }
      rows.add(row);
    }
    if (report.findings().isEmpty()) {
      List<Cell> row = new ArrayList<>();
      for (Column c : COLUMNS) {
        row.add(c.header().equals("Message") ? Cell.of("No findings: every check passed.", Look.WRAP) : null);
      }
      rows.add(row);
    }
    return new Content("Findings — AWS DevOps Competency self-assessment, checklist " + report.checklistVersion(),
        lines, COLUMNS, rows, report.summary().blockers() > 0 ? "C00000" : "548235");
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

  /** The Cell column: the cell, row or sheet the finding is about, linked to it when the workbook has it. */
  private static Cell cellColumn(Finding f, Sources with) {
    CellRef at = f.location();
    if (at == null) {
      return null;
    }
    String text = at.cell() != null ? at.cell() : at.row() != null ? "row " + at.row() : "whole sheet";
    String target = with.link().apply(at);
    return target == null ? Cell.of(text, Look.WRAP) : new Cell(cellText(text), Look.LINK, target);
  }
}
