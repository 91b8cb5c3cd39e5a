package dev.intake.parsing;

import dev.intake.model.Text;
import dev.intake.template.Layout;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a sheet's header row and which column holds each field, by name: synonyms, any order,
 * extra columns, case, spacing and punctuation are all tolerated.
 */
final class HeaderMap<C extends Enum<C> & Layout.Column> {

  /** Rows searched for the header, from the top of the sheet. */
  static final int SEARCH_ROWS = 30;

  private final int headerRow;
  private final Map<C, Integer> columns;

  private HeaderMap(int headerRow, Map<C, Integer> columns) {
    this.headerRow = headerRow;
    this.columns = columns;
  }

  /**
   * The best header row among the first rows: the one naming the most columns, provided it names
   * at least {@code minimum} of them. Null when there is none.
   */
  static <C extends Enum<C> & Layout.Column> HeaderMap<C> find(SheetData sheet, Class<C> type, int minimum) {
    Map<String, C> byKey = new HashMap<>();
    for (C c : type.getEnumConstants()) {
      for (String name : c.names()) {
        byKey.putIfAbsent(Text.key(name), c);
      }
    }
    HeaderMap<C> best = null;
    int searched = 0;
    for (SheetData.Row row : sheet.rows()) {
      if (searched++ >= SEARCH_ROWS) {
        break;
      }
      Map<C, Integer> found = new EnumMap<>(type);
      row.cells().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> {
            C c = byKey.get(Text.key(e.getValue().text()));
            if (c != null) {
              found.putIfAbsent(c, e.getKey());
            }
          });
      if (found.size() >= minimum && (best == null || found.size() > best.columns.size())) {
        best = new HeaderMap<>(row.number(), found);
      }
    }
    return best;
  }

  int headerRow() {
    return headerRow;
  }

  /** The 0-based column of a field, or -1 when the sheet has no such column. */
  int column(C c) {
    return columns.getOrDefault(c, -1);
  }

  List<C> missingRequired(Class<C> type) {
    return java.util.Arrays.stream(type.getEnumConstants())
        .filter(c -> c.required() && !columns.containsKey(c))
        .toList();
  }
}
