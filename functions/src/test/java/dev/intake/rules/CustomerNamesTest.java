package dev.intake.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Customer names compared as legal entities: case, accents, punctuation and legal-form suffixes ignored. */
class CustomerNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"Acme, Inc.", "ACME Inc", "Acme Incorporated", "acme", "The Acme Corp.", "Acme & Co.",
      "Acme Co Ltd", "  ACME,  INC  ", "Ac\u200Bme Inc", "Ａｃｍｅ Inc"})
  void key_acmeWithAnyLegalSuffixOrSpelling_isAcme(String name) {
    String key = CustomerNames.key(name);

    assertThat(key).isEqualTo("acme");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Umbrella Health S.A.|umbrella health",
      "Initech, L.L.C.|initech",
      "Globex GmbH|globex",
      "Zürich Versicherungs AG|zurich versicherungs",
      "Wayne Enterprises Pty Ltd|wayne enterprises",
      "Acme Labs|acme labs",
      "Inc|inc",
      "The Company|company",
      "|''"})
  void key_name_isItsComparisonKey(String name, String expected) {
    String key = CustomerNames.key(name == null ? "" : name);

    assertThat(key).isEqualTo(expected);
  }
}
