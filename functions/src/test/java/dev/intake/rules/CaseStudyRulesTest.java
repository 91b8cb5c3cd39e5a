package dev.intake.rules;

import static dev.intake.model.Severity.BLOCKER;
import static dev.intake.model.Severity.WARNING;
import static dev.intake.rules.Evaluation.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.testing.WorkbookBuilder;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 2.1: four case studies from four distinct customers, in production, with a diagram; internal or
 * affiliate customers flagged. Case study n is row n + 1 of Case Studies: B customer, C internal,
 * K stage, N diagram.
 */
class CaseStudyRulesTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  // ---- count -----------------------------------------------------------------------------------

  @Test
  void caseStudyCount_threeCaseStudies_isBlockerOnTheSheet() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).removeCaseStudy(4)
        .control("DOC-001", c -> c.caseStudies = "1, 2, 3")
        .control("EXCRI-001", c -> c.caseStudies = "1, 2, 3")
        .control("PRIAC-001", c -> c.caseStudies = "1, 2, 3")
        .control("PRJ-004", c -> c.caseStudies = "1, 2, 3");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-count", "2.1", BLOCKER, "Case Studies"));
    assertThat(result.only("case-study-count").message()).contains("3 case studies").contains("at least 4");
  }

  @Test
  void caseStudyCount_fiveCaseStudiesFromFiveCustomers_passes() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF);
    workbook.addCaseStudy(workbook.copyOfCaseStudy(4).set(CaseStudyColumn.NUMBER, 5)
        .set(CaseStudyColumn.CUSTOMER_NAME, "Hooli Inc"));
    workbook.control("DOC-001", c -> c.caseStudies = "All")
        .control("EXCRI-001", c -> c.caseStudies = "1-5")
        .control("PRIAC-001", c -> c.caseStudies = "1, 2, 3, 4, 5")
        .control("PRJ-004", c -> c.caseStudies = "1 to 5");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
    assertThat(result.parsed().assessment().caseStudies()).hasSize(5);
  }

  // ---- unique customers ------------------------------------------------------------------------

  @Test
  void uniqueCustomer_acmeIncSpelledThreeWays_isOneCustomer() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(1, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "Acme, Inc."))
        .caseStudy(2, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "ACME Inc"))
        .caseStudy(3, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "Acme Incorporated"));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("case-study-count", "2.1", BLOCKER, "Case Studies"),
        seen("case-study-unique-customer", "2.1", BLOCKER, "Case Studies!B3"),
        seen("case-study-unique-customer", "2.1", BLOCKER, "Case Studies!B4"));
    assertThat(result.only("case-study-count").message()).contains("2 distinct customers");
    assertThat(result.findings("case-study-unique-customer")).extracting(f -> f.message())
        .containsExactly(
            "Case study 2's customer 'ACME Inc' is the same customer as case study 1's 'Acme, Inc.'; AWS accepts"
                + " one case study per customer.",
            "Case study 3's customer 'Acme Incorporated' is the same customer as case study 1's 'Acme, Inc.'; AWS"
                + " accepts one case study per customer.");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Contoso GmbH|contoso",
      "Fabrikam, L.L.C.|FABRIKAM LLC",
      "Umbrella Health S.A.|Umbrella Health SA",
      "The Acme Company|Acme Co.",
      "Société Générale|SOCIETE GENERALE",
      "Acme & Co. Ltd|Acme"})
  void uniqueCustomer_sameLegalEntityDifferentSpelling_isBlocker(String first, String second) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(1, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, first))
        .caseStudy(4, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, second));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.findings("case-study-unique-customer")).extracting(Evaluation::seen)
        .containsExactly(seen("case-study-unique-customer", "2.1", BLOCKER, "Case Studies!B5"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Acme Labs|Acme",
      "Acme Corporation|Acme Air",
      "Globex Holdings Europe|Globex Holdings Asia"})
  void uniqueCustomer_differentEntities_passes(String first, String second) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(1, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, first))
        .caseStudy(4, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, second));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
  }

  @Test
  void uniqueCustomer_blankCustomerName_isBlockerAtTheNameCell() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(3, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, null));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("case-study-count", "2.1", BLOCKER, "Case Studies"),
        seen("case-study-unique-customer", "2.1", BLOCKER, "Case Studies!B4"));
    assertThat(result.only("case-study-unique-customer").message()).isEqualTo("Case study 3 has no customer name.");
  }

  // ---- production stage ------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"Pilot", "Proof of concept", "POC", "pilot "})
  void productionStage_pilotOrProofOfConcept_isBlockerAtTheStageCell(String stage) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).caseStudy(2, c -> c.set(CaseStudyColumn.STAGE, stage));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-production", "2.1", BLOCKER, "Case Studies!K3"));
    assertThat(result.only("case-study-production").message()).contains("not a pilot or proof of concept");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Production", "production", "In production", "Live"})
  void productionStage_production_passes(String stage) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).caseStudy(2, c -> c.set(CaseStudyColumn.STAGE, stage));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
  }

  @Test
  void productionStage_blank_isBlocker() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).caseStudy(2, c -> c.set(CaseStudyColumn.STAGE, null));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-production", "2.1", BLOCKER, "Case Studies!K3"));
    assertThat(result.only("case-study-production").message()).contains("does not say its stage");
  }

  @Test
  void productionStage_unknownStage_isBlockerNamingTheChoices() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).caseStudy(2, c -> c.set(CaseStudyColumn.STAGE, "Beta"));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-production", "2.1", BLOCKER, "Case Studies!K3"));
    assertThat(result.only("case-study-production").message())
        .contains("'Beta'").contains("Production, Pilot or Proof of concept");
  }

  // ---- internal or affiliate -------------------------------------------------------------------

  @Test
  void internalCustomer_yes_isWarningForTheReviewer() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(4, c -> c.set(CaseStudyColumn.INTERNAL_OR_AFFILIATE, "Yes"));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-internal", "2.1", WARNING, "Case Studies!C5"));
    assertThat(result.only("case-study-internal").message()).contains("internal or affiliate")
        .contains("reviewer will confirm");
  }

  @ParameterizedTest
  @ValueSource(strings = {"No", "no"})
  void internalCustomer_noOrBlank_passes(String answer) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(4, c -> c.set(CaseStudyColumn.INTERNAL_OR_AFFILIATE, answer))
        .caseStudy(3, c -> c.set(CaseStudyColumn.INTERNAL_OR_AFFILIATE, null));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
  }

  // ---- architecture diagram --------------------------------------------------------------------

  @Test
  void architectureDiagram_blank_isBlockerAtTheDiagramCell() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(1, c -> c.set(CaseStudyColumn.ARCHITECTURE_DIAGRAM, null));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-diagram", "2.1", BLOCKER, "Case Studies!N2"));
  }
}
