package dev.intake.parsing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Excel's dates: which number formats show a number as a date or time, and which day a date
 * serial is. An .xlsx stores a date as a number of days (the serial) in a cell whose style's format
 * is a date format, so the reader needs both. Written for the reader so that it needs no POI; it
 * answers as POI's {@code DateUtil} and {@code BuiltinFormats} do ({@code ExcelDatesTest} compares
 * them), except that a serial past 9999-12-31, which Excel shows as {@code ########}, is no date.
 */
final class ExcelDates {

  /** 9999-12-31, the last day Excel shows. */
  static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

  private static final BigDecimal NANOS_PER_DAY = BigDecimal.valueOf(86_400L * 1_000_000_000L);
  /** Half a millisecond: Excel keeps times to the millisecond, so a serial that close to midnight is the next day. */
  private static final BigDecimal HALF_A_MILLISECOND = BigDecimal.valueOf(500_000L);
  /** The serial of Excel's fictitious 1900-02-29; from the next one on, the 1900 system is one day ahead. */
  private static final long LEAP_DAY_1900 = 60;
  private static final LocalDate DAY_ZERO_1900 = LocalDate.of(1899, 12, 31);
  private static final LocalDate DAY_ZERO_1904 = LocalDate.of(1904, 1, 1);
  private static final String DATE_LETTERS = "yYmMdDhHsS";
  /** What a date format may be made of besides a trailing AM/PM: date letters, separators, brackets, quotes. */
  private static final String DATE_CHARS = DATE_LETTERS + "[]-T/\u5e74\u6708\u65e5,. :\"\\";

  private ExcelDates() {
  }

  /**
   * Whether a cell style's number format shows numbers as dates or times.
   *
   * @param formatId the style's {@code numFmtId}
   * @param customCode the format code the workbook defines for that id, or null when it defines none
   *     (the id is then one of Excel's built-in formats, or none)
   */
  static boolean isDateFormat(int formatId, String customCode) {
    if (isBuiltInDate(formatId)) {
      return true;
    }
    // Excel's other built-in formats (General, numbers, currency, percent, text) show no date.
    return customCode != null && isDateCode(customCode);
  }

  /** Excel's built-in date and time formats: 14 to 22 (m/d/yy ... m/d/yy h:mm) and 45 to 47 (mm:ss ... mm:ss.0). */
  private static boolean isBuiltInDate(int formatId) {
    return formatId >= 14 && formatId <= 22 || formatId >= 45 && formatId <= 47;
  }

  /** Whether a format code shows a date or time: only date letters, separators and an AM/PM marker. */
  static boolean isDateCode(String code) {
    String fs = withoutEscapes(code);
    if (isElapsedTime(fs)) {
      return true;
    }
    fs = withoutPrefix(fs, "[DBNum", true);
    fs = withoutPrefix(fs, "[$-", false);
    fs = withoutColour(fs);
    // "dd/mm/yy;[Red]dd/mm/yy" has a section for negative numbers: the first one decides.
    int section = fs.indexOf(';');
    if (section > 0 && section < fs.length() - 1) {
      fs = fs.substring(0, section);
    }
    if (fs.chars().noneMatch(c -> DATE_LETTERS.indexOf(c) >= 0)) {
      return false;
    }
    return onlyDateCharacters(fs);
  }

  /**
   * The day a date serial stands for, or empty when no day does (below 0, past {@link #LAST_DAY},
   * not a number).
   *
   * @param date1904 the workbook counts from 1904-01-01 (Excel for Mac's old system) instead of 1900
   */
  static Optional<LocalDate> day(double serial, boolean date1904) {
    // Past 3,000,000 every serial is past 9999-12-31 in both systems; NaN is no serial.
    if (!(serial >= 0 && serial < 3_000_000)) {
      return Optional.empty();
    }
    BigDecimal exact = BigDecimal.valueOf(serial);
    long whole = exact.longValue();
    boolean nextDay = exact.subtract(BigDecimal.valueOf(whole)).multiply(NANOS_PER_DAY).add(HALF_A_MILLISECOND)
        .compareTo(NANOS_PER_DAY) >= 0;
    LocalDate day;
    if (date1904) {
      day = DAY_ZERO_1904.plusDays(whole);
    } else {
      // Excel counts a 1900-02-29 that never was (serial 60, read as 1900-03-01); later serials are a day ahead.
      day = DAY_ZERO_1900.plusDays(whole <= LEAP_DAY_1900 ? whole : whole - 1);
    }
    if (nextDay) {
      day = day.plusDays(1);
    }
    return day.isAfter(LAST_DAY) ? Optional.empty() : Optional.of(day);
  }

  /** Drops the backslash before - , . space and backslash, and every ";@" (a text section that shows as typed). */
  private static String withoutEscapes(String code) {
    StringBuilder sb = new StringBuilder(code.length());
    int i = 0;
    while (i < code.length()) {
      char c = code.charAt(i);
      char next = i + 1 < code.length() ? code.charAt(i + 1) : 0;
      if (c == '\\' && "-,. \\".indexOf(next) >= 0 && next != 0) {
        i++;
        continue;
      }
      if (c == ';' && next == '@') {
        i += 2;
        continue;
      }
      sb.append(c);
      i++;
    }
    return sb.toString();
  }

  /** "[h]", "[mm]", "[ss]" and the like: a duration in hours, minutes or seconds. */
  private static boolean isElapsedTime(String fs) {
    if (fs.length() < 3 || fs.charAt(0) != '[' || fs.charAt(fs.length() - 1) != ']') {
      return false;
    }
    char unit = Character.toLowerCase(fs.charAt(1));
    if (unit != 'h' && unit != 'm' && unit != 's') {
      return false;
    }
    for (int i = 1; i < fs.length() - 1; i++) {
      if (Character.toLowerCase(fs.charAt(i)) != unit) {
        return false;
      }
    }
    return true;
  }

  /**
   * Drops a leading bracket that starts with {@code opening} up to its first ']': a locale
   * ("[$-409]") or, when {@code digit}, Chinese or Japanese numerals ("[DBNum1]" to "[DBNum3]").
   */
  private static String withoutPrefix(String fs, String opening, boolean digit) {
    if (!fs.startsWith(opening)) {
      return fs;
    }
    if (digit) {
      int at = opening.length();
      boolean numeral = fs.length() > at + 1 && fs.charAt(at) >= '1' && fs.charAt(at) <= '3'
          && fs.charAt(at + 1) == ']';
      return numeral ? fs.substring(at + 2) : fs;
    }
    // Up to the first ']' on the same line.
    for (int i = opening.length(); i < fs.length(); i++) {
      char c = fs.charAt(i);
      if (c == ']') {
        return fs.substring(i + 1);
      }
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return fs;
      }
    }
    return fs;
  }

  /** Drops a leading colour or condition name in brackets, such as "[Red]". */
  private static String withoutColour(String fs) {
    if (!fs.startsWith("[")) {
      return fs;
    }
    int i = 1;
    while (i < fs.length() && isAsciiLetter(fs.charAt(i))) {
      i++;
    }
    return i > 1 && i < fs.length() && fs.charAt(i) == ']' ? fs.substring(i + 1) : fs;
  }

  /** Date characters, then optional zeros (fractions of a second), one space, and AM/PM letters or '/'. */
  private static boolean onlyDateCharacters(String fs) {
    int i = 0;
    while (i < fs.length() && DATE_CHARS.indexOf(fs.charAt(i)) >= 0) {
      i++;
    }
    if (i == 0) {
      return false;
    }
    while (i < fs.length() && fs.charAt(i) == '0') {
      i++;
    }
    if (i < fs.length() && fs.charAt(i) == ' ') {
      i++;
    }
    while (i < fs.length() && "ampAMP/".indexOf(fs.charAt(i)) >= 0) {
      i++;
    }
    return i == fs.length();
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }
}
