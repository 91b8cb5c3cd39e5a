package dev.intake.model;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date as the partner wrote it: exact, only a month, missing, or unreadable. Accepted forms are a
 * real Excel date, ISO text ({@code 2025-03-14}), {@code MM/DD/YYYY}, {@code DD Mon YYYY},
 * {@code Mon DD, YYYY} and {@code Mon YYYY} (read as the first of the month).
 */
public sealed interface DateValue {

  /** A day. */
  record Exact(LocalDate date) implements DateValue {
  }

  /** Only a month was given; {@code date} is its first day. */
  record MonthOnly(LocalDate date) implements DateValue {
  }

  /** The cell is blank. */
  record Missing() implements DateValue {
  }

  /** The cell holds something that is not a date in a supported form. */
  record Invalid(String raw) implements DateValue {
  }

  /** A short description of the supported forms, for remediation text. */
  String FORMS = "YYYY-MM-DD (e.g. 2025-03-14), MM/DD/YYYY, DD Mon YYYY or a real Excel date";

  static DateValue of(CellValue cell) {
    return Parser.parse(cell);
  }

  /**
   * Whether the cell is text such as {@code 03/04/2025} that reads as a date either way round: it is
   * taken as MM/DD/YYYY (4 March), but a partner used to DD/MM may have meant 3 April.
   */
  static boolean ambiguous(CellValue cell) {
    if (cell.kind() != CellKind.TEXT) {
      return false;
    }
    java.util.regex.Matcher m = Parser.US.matcher(Text.visible(cell.text()));
    if (!m.matches()) {
      return false;
    }
    int first = Integer.parseInt(m.group(1));
    int second = Integer.parseInt(m.group(2));
    return first <= 12 && second <= 12 && first != second;
  }

  /** The first day this value stands for, if it stands for one. */
  default java.util.Optional<LocalDate> day() {
    if (this instanceof Exact e) {
      return java.util.Optional.of(e.date());
    }
    if (this instanceof MonthOnly m) {
      return java.util.Optional.of(m.date());
    }
    return java.util.Optional.empty();
  }

  /** The parsing rules, kept apart from the value types. */
  final class Parser {
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    // Serial numbers of 1950-01-01 and 2099-12-31: a bare number outside them is not a date.
    private static final double FIRST_SERIAL = 18264;
    private static final double LAST_SERIAL = 73050;

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
        Map.entry("jan", 1), Map.entry("january", 1), Map.entry("feb", 2), Map.entry("february", 2),
        Map.entry("mar", 3), Map.entry("march", 3), Map.entry("apr", 4), Map.entry("april", 4),
        Map.entry("may", 5), Map.entry("jun", 6), Map.entry("june", 6), Map.entry("jul", 7),
        Map.entry("july", 7), Map.entry("aug", 8), Map.entry("august", 8), Map.entry("sep", 9),
        Map.entry("sept", 9), Map.entry("september", 9), Map.entry("oct", 10), Map.entry("october", 10),
        Map.entry("nov", 11), Map.entry("november", 11), Map.entry("dec", 12), Map.entry("december", 12));

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[Tt ].*)?");
    private static final Pattern ISO_SLASH = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
    static final Pattern US = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern DAY_MONTH_YEAR =
        Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)?[\\s\\-.]*([a-z]+)\\.?[\\s\\-.,]*(\\d{4})");
    private static final Pattern MONTH_DAY_YEAR =
        Pattern.compile("([a-z]+)\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s*(\\d{4})");
    private static final Pattern MONTH_YEAR = Pattern.compile("([a-z]+)\\.?[\\s\\-.,/]*(\\d{4})");
    private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");

    private Parser() {
    }

    static DateValue parse(CellValue cell) {
      String text = Text.visible(cell.text());
      if (text.isEmpty()) {
        return new Missing();
      }
      if (cell.kind() == CellKind.DATE) {
        DateValue iso = iso(text);
        return iso != null ? iso : new Invalid(text);
      }
      if (cell.kind() == CellKind.NUMBER) {
        return serial(text);
      }
      DateValue v = text(text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
      return v != null ? v : new Invalid(text);
    }

    private static DateValue serial(String text) {
      try {
        double d = Double.parseDouble(text);
        if (d >= FIRST_SERIAL && d <= LAST_SERIAL) {
          return new Exact(EXCEL_EPOCH.plusDays((long) Math.floor(d)));
        }
      } catch (NumberFormatException e) {
        // falls through to Invalid
      }
      return new Invalid(text);
    }

    private static DateValue iso(String text) {
      Matcher m = ISO.matcher(text);
      return m.matches() ? exact(m.group(1), m.group(2), m.group(3)) : null;
    }

    private static DateValue text(String t) {
      Matcher m;
      if ((m = ISO.matcher(t)).matches() || (m = ISO_SLASH.matcher(t)).matches()) {
        return exact(m.group(1), m.group(2), m.group(3));
      }
      if ((m = US.matcher(t)).matches()) {
        return exact(m.group(3), m.group(1), m.group(2));
      }
      if ((m = DAY_MONTH_YEAR.matcher(t)).matches() && MONTHS.containsKey(m.group(2))) {
        return exact(m.group(3), String.valueOf(MONTHS.get(m.group(2))), m.group(1));
      }
      if ((m = MONTH_DAY_YEAR.matcher(t)).matches() && MONTHS.containsKey(m.group(1))) {
        return exact(m.group(3), String.valueOf(MONTHS.get(m.group(1))), m.group(2));
      }
      if ((m = MONTH_YEAR.matcher(t)).matches() && MONTHS.containsKey(m.group(1))) {
        return month(m.group(2), MONTHS.get(m.group(1)));
      }
      if ((m = YEAR_MONTH.matcher(t)).matches()) {
        return month(m.group(1), Integer.parseInt(m.group(2)));
      }
      return null;
    }

    private static DateValue exact(String year, String month, String day) {
      try {
        return new Exact(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
      } catch (DateTimeException | NumberFormatException e) {
        return null;
      }
    }

    private static DateValue month(String year, int month) {
      try {
        return new MonthOnly(LocalDate.of(Integer.parseInt(year), month, 1));
      } catch (DateTimeException | NumberFormatException e) {
        return null;
      }
    }
  }
}
