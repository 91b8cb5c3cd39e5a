package dev.intake.parsing;

import dev.intake.model.Text;
import dev.intake.template.Layout;
import java.util.Arrays;
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

  /** A layout's columns by the {@link Text#key} of each of their names, and the longest such key. */
  private record Keys(Map<String, ?> byKey, int longest) {
  }

  /** Worked out once per layout rather than for every sheet. */
  private static final ClassValue<Keys> KEYS = new ClassValue<>() {
    @Override
    protected Keys computeValue(Class<?> type) {
      Map<String, Object> byKey = new HashMap<>();
      for (Object c : type.getEnumConstants()) {
        for (String name : ((Layout.Column) c).names()) {
          byKey.putIfAbsent(Text.key(name), c);
        }
      }
      return new Keys(Map.copyOf(byKey), byKey.keySet().stream().mapToInt(String::length).max().orElse(0));
    }
  };

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
    Keys keys = KEYS.get(type);
    @SuppressWarnings("unchecked")
    Map<String, C> byKey = (Map<String, C>) keys.byKey();
    HeaderMap<C> best = null;
    int searched = 0;
    for (SheetData.Row row : sheet.rows()) {
      if (searched++ >= SEARCH_ROWS) {
        break;
      }
      Map<C, Integer> found = new EnumMap<>(type);
      // Left to right, so the first column naming a field wins.
      int[] columns = new int[row.cells().size()];
      int n = 0;
      for (Integer column : row.cells().keySet()) {
        columns[n++] = column;
      }
      Arrays.sort(columns);
      for (int column : columns) {
        String key = Text.key(row.cells().get(column).text(), keys.longest());
        C c = key == null ? null : byKey.get(key);
        if (c != null) {
          found.putIfAbsent(c, column);
        }
      }
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
    return Arrays.stream(type.getEnumConstants())
        .filter(c -> c.required() && !columns.containsKey(c))
        .toList();
  }
}
