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
 * 2.2: at least two public case studies with an absolute https URL on a public host, each giving the
 * customer (or, anonymized, a description), challenge, how AWS was used and outcome. In the ready
 * workbook case studies 1 and 2 are public; their URLs are M2 and M3.
 */
class PublicCaseStudyRulesTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  private static Evaluation firstUrl(String url) {
    return Evaluation.of(WorkbookBuilder.ready(AS_OF).caseStudy(1, c -> c.set(CaseStudyColumn.PUBLIC_URL, url)),
        AS_OF);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://northwind-cloud.com/case-studies/1|uses http",
      "northwind-cloud.com/case-studies/1|is not an absolute address",
      "https://localhost/case-studies/1|is not a public host name",
      "https://127.0.0.1/case-studies/1|points at an IP address",
      "https://[::1]/case-studies/1|points at an IP address",
      "https://169.254.169.254/latest/meta-data|points at an IP address",
      "https://wiki.corp.internal/case-studies/1|a private or reserved name",
      "https://metadata.google.internal/|a private or reserved name",
      "https://intranet/case-studies/1|is not a public host name",
      "https://user:secret@northwind-cloud.com/case-studies/1|contains a user name or password",
      "https://northwind-cloud.com@evil.example.net/|contains a user name or password",
      "https://northwind-cloud.com:8443/case-studies/1|uses port 8443",
      "ftp://northwind-cloud.com/case-studies/1|is a ftp: address",
      "https://northwind-cloud.com/case studies/1|is not a valid web address"})
  void publicUrl_notAPublicHttpsAddress_isBlockerAtTheUrlCellAndTooFewPublic(String url, String problem) {
    Evaluation result = firstUrl(url);

    assertThat(result.seen()).containsExactly(
        seen("public-case-study-url", "2.2", BLOCKER, "Case Studies!M2"),
        seen("public-case-study-url", "2.2", BLOCKER, "Case Studies"));
    assertThat(result.findings("public-case-study-url").get(0).message()).contains(problem);
    assertThat(result.findings("public-case-study-url").get(1).message())
        .contains("1 of the case studies is public with a valid https URL").contains("at least 2");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://northwind-cloud.com/case-studies/1",
      "HTTPS://Northwind-Cloud.com/case-studies/1?lang=en#outcome",
      "https://northwind-cloud.com:443/case-studies/1",
      "https://aws.amazon.com/partners/success/northwind-acme/",
      "https://northwind-cloud.com./case-studies/1"})
  void publicUrl_absoluteHttpsOnPublicHost_passes(String url) {
    Evaluation result = firstUrl(url);

    assertThat(result.seen()).isEmpty();
  }

  @Test
  void publicUrl_markedPublicWithoutUrl_isBlockerSayingItIsMissing() {
    Evaluation result = firstUrl(null);

    assertThat(result.seen()).containsExactly(
        seen("public-case-study-url", "2.2", BLOCKER, "Case Studies!M2"),
        seen("public-case-study-url", "2.2", BLOCKER, "Case Studies"));
    assertThat(result.findings("public-case-study-url").get(0).message()).endsWith("URL is missing.");
  }

  @Test
  void publicCount_noneMarkedPublic_isOneBlockerOnTheSheet() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(1, c -> c.set(CaseStudyColumn.PUBLIC, "No"))
        .caseStudy(2, c -> c.set(CaseStudyColumn.PUBLIC, "No"));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("public-case-study-url", "2.2", BLOCKER, "Case Studies"));
    assertThat(result.only("public-case-study-url").message()).startsWith("No case study is marked public");
  }

  @Test
  void publicCount_threePublicOneWithBadUrl_onlyTheBadUrlIsBlocker() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(3, c -> c.set(CaseStudyColumn.PUBLIC, "Yes").set(CaseStudyColumn.PUBLIC_URL, "http://x.io/3"));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("public-case-study-url", "2.2", BLOCKER, "Case Studies!M4"));
  }

  @Test
  void publicFlag_notYesOrNo_isWarningAndReadAsNotPublic() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).caseStudy(2, c -> c.set(CaseStudyColumn.PUBLIC, "Soon"));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("public-case-study-url", "2.2", WARNING, "Case Studies!L3"),
        seen("public-case-study-url", "2.2", BLOCKER, "Case Studies"));
  }

  // ---- content of a public case study ----------------------------------------------------------

  @Test
  void publicContent_anonymizedWithoutDescription_isBlockerAtTheDescriptionCell() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).caseStudy(1, c -> c
        .set(CaseStudyColumn.ANONYMIZED, "Yes")
        .set(CaseStudyColumn.CUSTOMER_DESCRIPTION, null));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("public-case-study-content", "2.2", BLOCKER, "Case Studies!E2"));
    assertThat(result.only("public-case-study-content").message())
        .isEqualTo("Public case study 1 is anonymized but has no customer description.");
  }

  @Test
  void publicContent_anonymizedWithDescription_passes() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).caseStudy(1, c -> c
        .set(CaseStudyColumn.ANONYMIZED, "Yes")
        .set(CaseStudyColumn.CUSTOMER_DESCRIPTION, "A top-5 US retailer"));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
  }

  @Test
  void publicContent_notAnonymizedWithoutDescription_passes() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(1, c -> c.set(CaseStudyColumn.CUSTOMER_DESCRIPTION, null));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "CUSTOMER_CHALLENGE, Case Studies!G3, does not describe the customer challenge",
      "HOW_AWS_WAS_USED, Case Studies!H3, does not say how AWS was used",
      "OUTCOME, Case Studies!I3, gives no outcome"})
  void publicContent_missingPart_isBlockerAtItsCell(CaseStudyColumn column, String cell, String message) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).caseStudy(2, c -> c.set(column, null));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("public-case-study-content", "2.2", BLOCKER, cell));
    assertThat(result.only("public-case-study-content").message()).isEqualTo("Public case study 2 " + message + ".");
  }

  @Test
  void publicContent_publicWithoutCustomerName_isBlockerAtTheNameCell() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(2, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, null));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.findings("public-case-study-content")).extracting(Evaluation::seen)
        .containsExactly(seen("public-case-study-content", "2.2", BLOCKER, "Case Studies!B3"));
  }

  @Test
  void publicContent_privateCaseStudyWithoutOutcome_isNotAPublicContentProblem() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).caseStudy(3, c -> c.set(CaseStudyColumn.OUTCOME, null));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
  }
}
