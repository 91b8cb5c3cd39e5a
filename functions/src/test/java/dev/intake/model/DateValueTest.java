package dev.intake.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The date forms a partner may write, and the ones that are refused rather than guessed. */
class DateValueTest {

  private static final CellRef AT = CellRef.of("Case Studies", 9, 2);

  private static DateValue text(String text) {
    return DateValue.of(CellValue.text(text, AT));
  }

  private static DateValue cell(String text, CellKind kind) {
    return DateValue.of(new CellValue(text, kind, AT, false));
  }

  @Test
  void dateValue_realExcelDateCell_isExact() {
    CellValue excelDate = new CellValue("2025-03-14", CellKind.DATE, AT, false);

    DateValue value = DateValue.of(excelDate);

    assertThat(value).isEqualTo(new DateValue.Exact(LocalDate.of(2025, 3, 14)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2025-03-14|2025-03-14",
      "2025-3-4|2025-03-04",
      "2025-03-14T09:30:00|2025-03-14",
      "2025-03-14 09:30|2025-03-14",
      "2025/03/14|2025-03-14",
      "03/14/2025|2025-03-14",
      "3/4/2025|2025-03-04",
      "02/29/2024|2024-02-29",
      "14 Mar 2025|2025-03-14",
      "14 March 2025|2025-03-14",
      "14-Mar-2025|2025-03-14",
      "14th March 2025|2025-03-14",
      "1 sept 2025|2025-09-01",
      "Mar 14, 2025|2025-03-14",
      "March 14 2025|2025-03-14",
      "Mar. 14, 2025|2025-03-14",
      "DECEMBER 1ST, 2025|2025-12-01",
      "  2025-03-14  |2025-03-14"})
  void dateValue_exactTextForms_areTheDay(String text, LocalDate expected) {
    DateValue value = text(text);

    assertThat(value).isEqualTo(new DateValue.Exact(expected));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Sep 2025|2025-09-01",
      "September 2025|2025-09-01",
      "Sept. 2025|2025-09-01",
      "sep-2025|2025-09-01",
      "Feb 2024|2024-02-01",
      "2025-09|2025-09-01",
      "2025-9|2025-09-01"})
  void dateValue_monthOnlyForms_areTheFirstOfTheMonth(String text, LocalDate expected) {
    DateValue value = text(text);

    assertThat(value).isEqualTo(new DateValue.MonthOnly(expected));
    assertThat(value.day()).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "02/30/2025",
      "02/29/2025",
      "2025-02-30",
      "2025-13-01",
      "31/12/2025",
      "13/01/2025",
      "25/12/2025",
      "2025-13",
      "2025-00",
      "Smarch 2025",
      "14 Smarch 2025",
      "1 Mar 25",
      "yesterday",
      "Q3 2025",
      "2025"})
  void dateValue_notASupportedOrRealDate_isInvalidKeepingTheText(String text) {
    DateValue value = text(text);

    assertThat(value).isEqualTo(new DateValue.Invalid(text));
    assertThat(value.day()).isEmpty();
  }

  @Test
  void dateValue_dayMonthYearWithDayUpTo12_isReadAsMonthDayYear() {
    DateValue value = text("03/04/2025");

    assertThat(value).isEqualTo(new DateValue.Exact(LocalDate.of(2025, 3, 4)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\u200B"})
  void dateValue_blankCell_isMissing(String text) {
    DateValue value = text(text);

    assertThat(value).isEqualTo(new DateValue.Missing());
    assertThat(value.day()).isEmpty();
  }

  @Test
  void dateValue_invisibleCharactersAroundADate_areIgnored() {
    DateValue value = text("\u200E2025-03-14\u200B");

    assertThat(value).isEqualTo(new DateValue.Exact(LocalDate.of(2025, 3, 14)));
  }

  @ParameterizedTest
  @CsvSource({
      "45730, 2025-03-14",
      "45730.75, 2025-03-14",
      "18264, 1950-01-01",
      "73050, 2099-12-31"})
  void dateValue_plainNumberInTheSerialRange_isAnExcelSerialDate(String number, LocalDate expected) {
    DateValue value = cell(number, CellKind.NUMBER);

    assertThat(value).isEqualTo(new DateValue.Exact(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"18263", "73051", "0", "1", "-45730", "1000000", "1E+300", "NaN"})
  void dateValue_plainNumberOutsideTheSerialRange_isInvalid(String number) {
    DateValue value = cell(number, CellKind.NUMBER);

    assertThat(value).isEqualTo(new DateValue.Invalid(number));
  }

  @Test
  void dateValue_dateCellWithUnreadableText_isInvalid() {
    DateValue value = cell("not-a-date", CellKind.DATE);

    assertThat(value).isEqualTo(new DateValue.Invalid("not-a-date"));
  }

  @Test
  void dateValue_booleanCell_isInvalid() {
    DateValue value = cell("TRUE", CellKind.BOOLEAN);

    assertThat(value).isEqualTo(new DateValue.Invalid("TRUE"));
  }
}
