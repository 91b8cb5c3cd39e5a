package dev.intake.parsing;

import dev.intake.model.CellValue;
import java.util.List;
import java.util.Map;

/**
 * The non-blank rows of one worksheet, as read.
 *
 * @param formulas cells whose value is a formula's cached result, with the formula text
 * @param merged merged ranges such as "B2:C2"
 * @param hiddenRows numbers of rows hidden in the sheet that hold values
 * @param directionControls cells whose text holds Unicode direction overrides, embeddings or isolates
 * @param hyperlinks external links inserted on cells (Insert > Link), by A1 cell: the address, whatever text
 *     the cell shows
 */
record SheetData(String name, boolean hidden, List<Row> rows, List<Formula> formulas, List<String> merged,
    List<Integer> hiddenRows, int truncatedCells, List<CellValue> directionControls, Map<String, String> hyperlinks) {

  SheetData {
    hyperlinks = Map.copyOf(hyperlinks);
    rows = List.copyOf(rows);
    formulas = List.copyOf(formulas);
    merged = List.copyOf(merged);
    hiddenRows = List.copyOf(hiddenRows);
    directionControls = List.copyOf(directionControls);
  }

  /** A row: its 1-based number and its non-blank cells by 0-based column. */
  record Row(int number, boolean hidden, Map<Integer, CellValue> cells) {

    Row {
      cells = Map.copyOf(cells);
    }

    String text(int column) {
      CellValue v = cells.get(column);
      return v == null ? "" : v.text();
    }
  }

  /** A formula cell. {@code external} when it refers to another workbook. */
  record Formula(String cell, String formula, boolean external) {
  }
}
