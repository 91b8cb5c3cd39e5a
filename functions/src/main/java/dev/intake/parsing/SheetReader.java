package dev.intake.parsing;

import dev.intake.model.A1;
import dev.intake.model.CellKind;
import dev.intake.model.CellRef;
import dev.intake.model.CellValue;
import dev.intake.model.Text;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Streams one worksheet part into {@link SheetData}, within {@link Limits}. */
final class SheetReader {

  private static final int MAX_FORMULA_NOTES = 200;
  private static final int MAX_DIRECTION_NOTES = 1000;
  private static final int MAX_LINKS = 1000;
  private static final int MAX_MERGED = 1000;
  /** Excel's grid: rows 1 to 1,048,576, columns A to XFD. */
  private static final int GRID_ROWS = 1_048_576;
  private static final int GRID_COLUMNS = 16_384;

  private final WorkbookPackage pkg;
  private final Limits limits;
  /** Cells of the sheet being read whose text was cut at Excel's limit. */
  private int overlong;
  /** Filled cells kept from every sheet read so far. */
  private int cellsKept;

  SheetReader(WorkbookPackage pkg, Limits limits) {
    this.pkg = pkg;
    this.limits = limits;
  }

  SheetData read(WorkbookPackage.SheetEntry sheet) throws IOException {
    try (InputStream in = pkg.openPart(sheet.part())) {
      if (in == null) {
        throw new RejectedFileException("file-corrupt",
            "The sheet '" + sheet.name() + "' is listed in the workbook but its part is missing: the file is"
                + " damaged.",
            "Open the workbook in Excel, save it again as .xlsx, and upload the new file.");
      }
      return parse(sheet, Xml.reader(in, sheet.part()));
    } catch (XMLStreamException e) {
      throw Xml.malformed(sheet.part(), e);
    }
  }

  private SheetData parse(WorkbookPackage.SheetEntry sheet, XMLStreamReader r)
      throws XMLStreamException, IOException {
    overlong = 0;
    SheetParse parse = new SheetParse(sheet.name());
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        switch (r.getLocalName()) {
          case "row" -> parse.row(r);
          case "c" -> parse.cell(r);
          case "hyperlink" -> parse.hyperlink(r);
          case "mergeCell" -> parse.mergeCell(r);
          default -> {
            // sheet views, column widths, conditional formats: nothing to read
          }
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("row")) {
        parse.endRow();
      }
    }
    return parse.sheetData(sheet);
  }

  /** What the elements of one sheet read so far add up to: one method per element the reader keeps. */
  private final class SheetParse {
    private final String name;
    private final List<SheetData.Row> rows = new ArrayList<>();
    private final List<SheetData.Formula> formulas = new ArrayList<>();
    private final List<String> merged = new ArrayList<>();
    private final List<Integer> hiddenRows = new ArrayList<>();
    /** Hyperlinked cell to its relationship id; the targets are looked up once the sheet is read. */
    private final Map<String, String> linkIds = new HashMap<>();
    private final List<CellValue> directionControls = new ArrayList<>();
    private int physicalRows;
    private int lastRow;
    private int rowNumber;
    private boolean rowHidden;
    /** The open row's filled cells by column; null outside a row. */
    private Map<Integer, CellValue> cells;
    private int lastColumn = -1;

    SheetParse(String name) {
      this.name = name;
    }

    /** {@code <row r="…" hidden="…">}: a row without a number follows the last one. */
    void row(XMLStreamReader r) {
      physicalRows++;
      if (physicalRows > limits.maxPhysicalRows()) {
        throw tooManyRows(name, limits.maxPhysicalRows());
      }
      Integer n = WorkbookPackage.intAttr(r, "r");
      rowNumber = n != null && n > lastRow ? n : lastRow + 1;
      if (rowNumber > GRID_ROWS) {
        throw outsideTheGrid(name, "row " + rowNumber);
      }
      lastRow = rowNumber;
      rowHidden = WorkbookPackage.truthy(WorkbookPackage.attr(r, "hidden"));
      cells = new HashMap<>();
      lastColumn = -1;
    }

    /** {@code <c r="…">} inside a row: a cell without a reference follows the last one. */
    void cell(XMLStreamReader r) throws XMLStreamException, IOException {
      if (cells == null) {
        return;
      }
      String ref = WorkbookPackage.attr(r, "r");
      int column = ref == null ? lastColumn + 1 : column(ref);
      if (column < 0) {
        column = lastColumn + 1;
      }
      if (column >= GRID_COLUMNS) {
        throw outsideTheGrid(name, "cell " + (ref == null ? "number " + (column + 1) : Text.quote(ref)));
      }
      lastColumn = column;
      RawCell raw = readCell(r);
      if (raw.formula != null && formulas.size() < MAX_FORMULA_NOTES) {
        formulas.add(new SheetData.Formula(A1.name(column, rowNumber), raw.formula,
            refersToOtherWorkbook(raw.formula)));
      }
      CellValue value = toValue(raw, CellRef.of(name, column, rowNumber));
      if (value.text().length() > Limits.MAX_CELL_CHARS) {
        value = new CellValue(value.text().substring(0, Limits.MAX_CELL_CHARS), value.kind(), value.ref(),
            value.formula());
        overlong++;
      }
      if (directionControls.size() < MAX_DIRECTION_NOTES && reordersText(value.text())) {
        directionControls.add(value);
      }
      if (!value.isBlank()) {
        cells.put(column, value);
        if (++cellsKept > limits.maxCells()) {
          throw tooManyCells(limits.maxCells());
        }
      }
    }

    /** {@code <hyperlink ref="A1" r:id="…">}: a range's link belongs to its first cell. */
    void hyperlink(XMLStreamReader r) {
      String ref = WorkbookPackage.attr(r, "ref");
      String id = Xml.relationshipId(r);
      if (ref != null && id != null && linkIds.size() < MAX_LINKS) {
        linkIds.put(ref.contains(":") ? ref.substring(0, ref.indexOf(':')) : ref, id);
      }
    }

    void mergeCell(XMLStreamReader r) {
      String ref = WorkbookPackage.attr(r, "ref");
      if (ref != null && merged.size() < MAX_MERGED) {
        merged.add(ref);
      }
    }

    /** {@code </row>}: a row with a filled cell is kept. */
    void endRow() {
      if (cells == null) {
        return;
      }
      if (!cells.isEmpty()) {
        rows.add(new SheetData.Row(rowNumber, rowHidden, cells));
        if (rowHidden) {
          hiddenRows.add(rowNumber);
        }
        if (rows.size() > limits.maxDataRows()) {
          throw tooManyRows(name, limits.maxDataRows());
        }
      }
      cells = null;
    }

    SheetData sheetData(WorkbookPackage.SheetEntry sheet) throws IOException {
      Map<String, String> hyperlinks = new HashMap<>();
      if (!linkIds.isEmpty()) {
        Map<String, String> targets = pkg.externalTargets(sheet.part());
        linkIds.forEach((cell, id) -> {
          String target = targets.get(id);
          if (target != null) {
            hyperlinks.put(cell, target);
          }
        });
      }
      return new SheetData(name, sheet.hidden(), rows, formulas, merged, hiddenRows, overlong, directionControls,
          hyperlinks);
    }
  }

  /**
   * Whether the text holds a Unicode direction override, embedding or isolate (U+202A-U+202E,
   * U+2066-U+2069): invisible, they make text display in another order than it is stored, so
   * "cnI emcA" after a U+202E shows as "Acme Inc".
   */
  static boolean reordersText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069') {
        return true;
      }
    }
    return false;
  }

  /** The 0-based column of a cell reference; past the grid (not overflowed) when it has over three letters. */
  private static int column(String ref) {
    int letters = 0;
    while (letters < ref.length() && Character.isLetter(ref.charAt(letters))) {
      letters++;
    }
    return letters > 3 ? GRID_COLUMNS : A1.column(ref);
  }

  /**
   * A row or cell past Excel's grid: no spreadsheet program writes one, and reading on would number rows
   * past the largest int, silently dropping the rows that follow.
   */
  private static RejectedFileException outsideTheGrid(String sheet, String what) {
    return new RejectedFileException("file-corrupt",
        "The sheet '" + sheet + "' has a " + what + " outside Excel's grid (1,048,576 rows by 16,384 columns),"
            + " so the file was not saved by a spreadsheet program or is damaged.",
        "Open the workbook in Excel, save it again as .xlsx, and upload the new file.");
  }

  /** Each cell kept costs a few hundred bytes, so the count, not only the part size, bounds the heap. */
  private static RejectedFileException tooManyCells(int limit) {
    return new RejectedFileException("file-limits",
        "The template sheets hold more than " + limit + " filled cells; a self-assessment needs a few thousand.",
        "Delete the rows and columns that are not part of the self-assessment, or start again from the blank"
            + " template.");
  }

  private static RejectedFileException tooManyRows(String sheet, int limit) {
    return new RejectedFileException("file-limits",
        "The sheet '" + sheet + "' has more than " + limit + " rows; a self-assessment needs one row per"
            + " certification, case study or control.",
        "Delete the rows that are not part of the self-assessment, or start again from the blank template.");
  }

  private static boolean refersToOtherWorkbook(String formula) {
    // Inside a string literal ("https://…" in HYPERLINK) an address is text, not a reference.
    String refs = formula.replaceAll("\"[^\"]*\"", "\"\"");
    return refs.matches("(?s).*\\[[^\\]]*\\].*") || refs.contains(".xls") || refs.contains("://");
  }

  /** A cell as written: its type attribute, style, cached value text and formula. */
  private static final class RawCell {
    String type;
    int style = -1;
    String value;
    String formula;
  }

  private static RawCell readCell(XMLStreamReader r) throws XMLStreamException {
    RawCell c = new RawCell();
    c.type = WorkbookPackage.attr(r, "t");
    Integer s = WorkbookPackage.intAttr(r, "s");
    c.style = s == null ? -1 : s;
    int depth = 1;
    StringBuilder inline = null;
    int phonetic = 0;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        switch (r.getLocalName()) {
          case "v" -> c.value = Xml.elementText(r, Limits.MAX_CELL_CHARS + 1);
          case "f" -> c.formula = Xml.elementText(r, 2000);
          case "is" -> {
            inline = new StringBuilder();
            depth++;
          }
          case "rPh" -> {
            phonetic++;
            depth++;
          }
          case "t" -> {
            String t = Xml.elementText(r, Limits.MAX_CELL_CHARS + 1);
            if (inline != null && phonetic == 0 && inline.length() <= Limits.MAX_CELL_CHARS) {
              inline.append(t);
            }
          }
          default -> depth++;
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        if (r.getLocalName().equals("rPh")) {
          phonetic--;
        }
        depth--;
      }
    }
    if (inline != null) {
      c.type = "inlineStr";
      c.value = inline.toString();
    }
    if (c.formula != null && c.formula.isEmpty()) {
      // a shared formula's follower cell: still a formula
      c.formula = "(shared formula)";
    }
    return c;
  }

  private CellValue toValue(RawCell raw, CellRef ref) throws IOException {
    boolean formula = raw.formula != null;
    String v = raw.value;
    if (v == null) {
      return new CellValue("", CellKind.BLANK, ref, formula);
    }
    String type = raw.type == null ? "n" : raw.type;
    switch (type) {
      case "s" -> {
        String[] strings = pkg.sharedStrings();
        int index;
        try {
          index = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
          return new CellValue("", CellKind.BLANK, ref, formula);
        }
        String text = index >= 0 && index < strings.length ? strings[index] : "";
        return textValue(text, ref, formula);
      }
      case "inlineStr", "str" -> {
        return textValue(v, ref, formula);
      }
      case "b" -> {
        return new CellValue(WorkbookPackage.truthy(v.trim()) ? "TRUE" : "FALSE", CellKind.BOOLEAN, ref, formula);
      }
      case "e" -> {
        return new CellValue(v.trim(), CellKind.ERROR, ref, formula);
      }
      case "d" -> {
        String iso = v.trim();
        return new CellValue(iso.length() >= 10 ? iso.substring(0, 10) : iso, CellKind.DATE, ref, formula);
      }
      default -> {
        return number(v.trim(), raw.style, ref, formula);
      }
    }
  }

  private CellValue textValue(String text, CellRef ref, boolean formula) {
    String kept = text;
    if (text.length() > Limits.MAX_CELL_CHARS) {
      // Cut before trimming: a space at the limit must not hide that the text went on.
      kept = text.substring(0, Limits.MAX_CELL_CHARS);
      overlong++;
    }
    String stripped = kept.strip();
    return new CellValue(stripped, stripped.isEmpty() ? CellKind.BLANK : CellKind.TEXT, ref, formula);
  }

  private CellValue number(String v, int style, CellRef ref, boolean formula) throws IOException {
    if (v.isEmpty()) {
      return new CellValue("", CellKind.BLANK, ref, formula);
    }
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return new CellValue(v, CellKind.TEXT, ref, formula);
    }
    if (style >= 0 && pkg.isDateStyle(style)) {
      Optional<LocalDate> day = ExcelDates.day(d, pkg.date1904());
      if (day.isPresent()) {
        return new CellValue(day.get().toString(), CellKind.DATE, ref, formula);
      }
    }
    // Plain notation only for ordinary magnitudes: "1E+999999" must not become a million digits. A whole
    // number (most numeric cells) is written as a long, which is what the decimal's plain text is.
    String text = !Double.isFinite(d) || Math.abs(d) >= 1e15 ? v
        : d == Math.rint(d) ? Long.toString((long) d)
        : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    return new CellValue(text, CellKind.NUMBER, ref, formula);
  }
}
