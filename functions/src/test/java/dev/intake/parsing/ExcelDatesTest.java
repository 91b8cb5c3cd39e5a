package dev.intake.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.junit.jupiter.api.Test;

/**
 * The reader's Excel dates answer as POI's {@code DateUtil} and {@code BuiltinFormats} did when the
 * reader used them (POI is on the test class path only), except where POI reads a serial past
 * 9999-12-31 as a date (Excel shows such a cell as {@code ########}).
 */
class ExcelDatesTest {

  /** Format codes of real workbooks, Excel's own among them. */
  private static final List<String> CODES = List.of("General", "0", "0.00", "#,##0", "0%", "@", "yyyy-mm-dd",
      "dd/mm/yyyy", "m/d/yy", "d-mmm-yy", "mmm-yy", "h:mm AM/PM", "h:mm:ss", "[h]:mm:ss", "[mm]", "[SS]", "[hH]",
      "mm:ss.0", "yyyy;@", "yyyy\\-mm\\-dd", "dd\\.mm\\.yyyy", "[$-409]mmmm d, yyyy;@", "[$-F800]dddd, mmmm dd, yyyy",
      "[Red]dd/mm/yy", "dd/mm/yy;[Red]dd/mm/yy", "[DBNum1][$-804]yyyy\"\u5e74\"m\"\u6708\"d\"\u65e5\"",
      "yyyy\u5e74m\u6708d\u65e5", "\"Date: \"yyyy-mm-dd", "0.00E+00", "#,##0_);[Red](#,##0)", "yyyy-mm-ddThh:mm:ss",
      "hh:mm:ss.000", "mm/dd/yyyy hh:mm AM/PM", "d", "s", "[Blue]0", "[$-409]", "[$-409\n]yyyy", "\\\\yyyy",
      "yyyy;", ";yyyy", "yyyy 0", "yyyy 0 AM", "[$$-409]#,##0.00", "[>=100]0;0", "mmmm", "dddd", "yy a/p");

  @Test
  void isDateFormat_everyBuiltInFormatWithoutACustomCode_isWhatPoiSays() {
    for (int id = -1; id < 200; id++) {
      assertThat(ExcelDates.isDateFormat(id, null)).as("format %d", id).isEqualTo(poi(id, null));
    }
  }

  @Test
  void isDateFormat_realFormatCodesUnderBuiltInAndCustomIds_isWhatPoiSays() {
    for (String code : CODES) {
      for (int id : new int[] {0, 14, 22, 23, 45, 49, 164, 200}) {
        assertThat(ExcelDates.isDateFormat(id, code)).as("format %d '%s'", id, code).isEqualTo(poi(id, code));
      }
    }
  }

  @Property(tries = 3000)
  void isDateFormat_anyCodeOfFormatCharacters_isWhatPoiSays(@ForAll("codes") String code) {
    assertThat(ExcelDates.isDateFormat(164, code)).as("'%s'", code).isEqualTo(poi(164, code));
  }

  @Property(tries = 3000)
  void day_anySerialOfExcelsDates_isThePoiDay(@ForAll("serials") double serial) {
    for (boolean date1904 : new boolean[] {false, true}) {
      LocalDateTime poi = DateUtil.getLocalDateTime(serial, date1904);
      LocalDate expected = poi.toLocalDate().isAfter(ExcelDates.LAST_DAY) ? null : poi.toLocalDate();

      assertThat(ExcelDates.day(serial, date1904).orElse(null)).as("%s (1904: %s)", serial, date1904)
          .isEqualTo(expected);
    }
  }

  @Test
  void day_edgesOfTheCalendars_areExcelsDays() {
    assertThat(ExcelDates.day(0, false)).hasValue(LocalDate.of(1899, 12, 31));
    assertThat(ExcelDates.day(1, false)).hasValue(LocalDate.of(1900, 1, 1));
    assertThat(ExcelDates.day(59, false)).hasValue(LocalDate.of(1900, 2, 28));
    // Excel's 1900-02-29, which was no day, reads as the day after.
    assertThat(ExcelDates.day(60, false)).hasValue(LocalDate.of(1900, 3, 1));
    assertThat(ExcelDates.day(61, false)).hasValue(LocalDate.of(1900, 3, 1));
    assertThat(ExcelDates.day(45000, false)).hasValue(LocalDate.of(2023, 3, 15));
    assertThat(ExcelDates.day(0, true)).hasValue(LocalDate.of(1904, 1, 1));
    assertThat(ExcelDates.day(43830.999999999, false)).as("a millisecond from midnight").hasValue(
        LocalDate.of(2020, 1, 1));
    assertThat(ExcelDates.day(2958465.5, false)).hasValue(LocalDate.of(9999, 12, 31));
  }

  @Test
  void day_serialsThatAreNoDay_areEmpty() {
    for (double serial : new double[] {-1, -0.5, 2958466, 2957004 + 1462, 1e7, 1e15, 1e300, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThat(ExcelDates.day(serial, false)).as("%s", serial).isEmpty();
    }
    assertThat(ExcelDates.day(2957004, true)).as("past 9999-12-31 in the 1904 system").isEmpty();
  }

  @Provide
  Arbitrary<String> codes() {
    Arbitrary<String> pieces = Arbitraries.of("y", "m", "d", "h", "s", "Y", "M", "D", "H", "S", "yyyy", "mm", "dd",
        "[", "]", "[h]", "[mm]", "[$-409]", "[$-", "[Red]", "[DBNum1]", "[DBNum4]", "-", "/", ".", ",", ":", " ", "T",
        "\"", "\\", "\\-", "\\ ", ";", ";@", "@", "0", "00", "#", "%", "E+", "AM/PM", "a/p", "a", "P", "\u5e74",
        "\n", "x", "?", "_");
    return pieces.list().ofMinSize(1).ofMaxSize(8).map(p -> String.join("", p));
  }

  @Provide
  Arbitrary<Double> serials() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(0, 2958465.999).ofScale(9),
        Arbitraries.integers().between(0, 2958465).map(Integer::doubleValue),
        // Close below midnight, where a half millisecond decides the day.
        Arbitraries.integers().between(0, 2958465).map(d -> d + 1 - 1e-9 * (1 + d % 20)));
  }

  /** What the reader did with POI. */
  private static boolean poi(int id, String custom) {
    String code = custom != null ? custom : BuiltinFormats.getBuiltinFormat(id);
    return code != null && DateUtil.isADateFormat(id, code);
  }
}
