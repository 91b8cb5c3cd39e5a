package dev.intake.report;

import dev.intake.model.A1;
import dev.intake.parsing.XmlWriter;
import dev.intake.report.FindingsSheet.Cell;
import dev.intake.report.FindingsSheet.Content;
import dev.intake.report.FindingsSheet.Line;
import dev.intake.report.FindingsSheet.Look;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Content} as a worksheet part: the first tab, selected, frozen below the table's
 * header, filtered on it, its Cell column linking into the workbook. Text goes in inline strings, so
 * the workbook's shared-string table is left as it is.
 */
final class FindingsSheetXml {

  /** The column letters of the sheet's first columns. */
  private static final String[] LETTERS = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"};
  private static final String INLINE_TEXT = "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">";
  private static final String END_INLINE_TEXT = "</t></is></c>";

  private FindingsSheetXml() {
  }

  /**
   * @param styles the cell style index of each look (a look not in the map is the default style)
   */
  static void write(Content content, Map<Look, Integer> styles, OutputStream out) {
    XmlWriter w = new XmlWriter(out);
    int header = content.headerRow();
    int columns = content.columns().size();
    int lastRow = header + content.rows().size();
    w.start("worksheet").attribute("xmlns", Ooxml.MAIN).attribute("xmlns:r", Ooxml.RELATIONSHIPS);
    w.start("sheetPr").empty("tabColor", "rgb", "FF" + content.tabColor()).end();
    w.empty("dimension", "ref", "A1:" + A1.name(columns - 1, lastRow + 1));
    w.start("sheetViews").start("sheetView").attribute("tabSelected", "1").attribute("workbookViewId", "0");
    String firstBelow = "A" + (header + 2);
    w.empty("pane", "ySplit", Integer.toString(header + 1), "topLeftCell", firstBelow, "activePane", "bottomLeft",
        "state", "frozen");
    w.empty("selection", "pane", "bottomLeft", "activeCell", firstBelow, "sqref", firstBelow);
    w.end().end();
    w.empty("sheetFormatPr", "defaultRowHeight", "15");
    w.start("cols");
    for (int i = 0; i < columns; i++) {
      w.empty("col", "min", Integer.toString(i + 1), "max", Integer.toString(i + 1), "width",
          Integer.toString(content.columns().get(i).width()), "customWidth", "1");
    }
    w.end();

    List<String[]> links = new ArrayList<>();
    w.start("sheetData");
    row(w, 0, List.of(new Cell(content.title(), Look.TITLE, null)), styles, links);
    for (int i = 0; i < content.lines().size(); i++) {
      Line line = content.lines().get(i);
      row(w, 1 + i, List.of(Cell.of(line.label(), Look.LABEL), Cell.of(line.value(), line.valueLook())), styles,
          links);
    }
    row(w, header, content.headers().stream().map(h -> Cell.of(h, Look.HEADER)).toList(), styles, links);
    for (int i = 0; i < content.rows().size(); i++) {
      row(w, header + 1 + i, content.rows().get(i), styles, links);
    }
    w.end();

    w.empty("autoFilter", "ref", filterRange(content).replace("$", ""));
    if (!links.isEmpty()) {
      w.start("hyperlinks");
      for (String[] link : links) {
        w.empty("hyperlink", "ref", link[0], "location", link[1], "display", link[2]);
      }
      w.end();
    }
    w.empty("pageMargins", "left", "0.7", "right", "0.7", "top", "0.75", "bottom", "0.75", "header", "0.3",
        "footer", "0.3");
    w.finish();
  }

  /** The range of the table the sheet filters on, as the defined name {@code _xlnm._FilterDatabase} gives it. */
  static String filterRange(Content content) {
    int header = content.headerRow();
    int last = Math.max(header + 2, header + content.rows().size() + 1);
    return "$A$" + (header + 1) + ":$" + A1.column(content.columns().size() - 1) + "$" + last;
  }

  private static void row(XmlWriter w, int index, List<Cell> cells, Map<Look, Integer> styles, List<String[]> links) {
    int rowNumber = index + 1;
    w.start("row").attribute("r", rowNumber);
    for (int column = 0; column < cells.size(); column++) {
      Cell cell = cells.get(column);
      if (cell == null) {
        continue;
      }
      // The markup of an inline-string cell, written as text around its reference, style and text.
      String letters = column < LETTERS.length ? LETTERS[column] : A1.column(column);
      w.fragment("<c r=\"").fragment(letters).text(rowNumber);
      Integer style = styles.get(cell.look());
      if (style != null && style != 0) {
        w.fragment("\" s=\"").text(style);
      }
      w.fragment(INLINE_TEXT).text(cell.text()).fragment(END_INLINE_TEXT);
      if (cell.link() != null) {
        links.add(new String[] {letters + rowNumber, cell.link(), cell.text()});
      }
    }
    w.end();
  }
}
