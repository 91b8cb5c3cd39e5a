package dev.intake.rules;

import static dev.intake.model.Severity.BLOCKER;
import static dev.intake.model.Severity.WARNING;
import static dev.intake.rules.Evaluation.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.ProfileField;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.testing.WorkbookBuilder;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 2.2: at least two public case studies, each with its own absolute URL on a public host (http warns,
 * a host outside the partner's website warns), each giving the customer (or, anonymized, a
 * description), challenge, how AWS was used and outcome. In the ready workbook case studies 1 and 2
 * are public, on the partner website northwind-cloud.com; their URLs are M2 and M3.
 */
class PublicCaseStudyRulesTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  private static Evaluation firstUrl(String url) {
    return Evaluation.of(WorkbookBuilder.ready(AS_OF).caseStudy(1, c -> c.set(CaseStudyColumn.PUBLIC_URL, url)),
        AS_OF);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
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
  void publicUrl_notAPublicAddress_isBlockerAtTheUrlCellAndTooFewPublic(String url, String problem) {
    Evaluation result = firstUrl(url);

    assertThat(result.seen()).containsExactly(
        seen("public-case-study-url", "2.2", BLOCKER, "Case Studies!M2"),
        seen("public-case-study-url", "2.2", BLOCKER, "Case Studies"));
    assertThat(result.findings("public-case-study-url").get(0).message()).contains(problem);
    assertThat(result.findings("public-case-study-url").get(1).message())
        .contains("1 of the case studies is public with a valid URL of its own").contains("at least 2");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://northwind-cloud.com/case-studies/1",
      "HTTPS://Northwind-Cloud.com/case-studies/1?lang=en#outcome",
      "https://northwind-cloud.com:443/case-studies/1",
      "https://www.northwind-cloud.com/case-studies/1",
      "https://blog.northwind-cloud.com/2026/acme",
      "https://northwind-cloud.com./case-studies/1"})
  void publicUrl_absoluteHttpsOnThePartnersSite_passes(String url) {
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
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).caseStudy(3, c -> c.set(CaseStudyColumn.PUBLIC, "Yes")
        .set(CaseStudyColumn.PUBLIC_URL, "https://localhost/3"));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("public-case-study-url", "2.2", BLOCKER, "Case Studies!M4"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://northwind-cloud.com/case-studies/1", "HTTP://northwind-cloud.com:80/case-studies/1"})
  void publicUrl_plainHttp_isAWarningAndStillCounts(String url) {
    Evaluation result = firstUrl(url);

    assertThat(result.seen()).containsExactly(seen("public-case-study-url", "2.2", WARNING, "Case Studies!M2"));
    assertThat(result.only("public-case-study-url").message()).contains("served over http, not https");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://northwind-cloud.com/case-studies/2", "https://www.Northwind-Cloud.com/case-studies/2/",
      "https://northwind-cloud.com/case-studies/2#outcome"})
  void publicUrl_sameUrlAsAnotherPublicCaseStudy_isBlockerAtTheSecondAndCountsOnce(String url) {
    Evaluation result = firstUrl(url);

    assertThat(result.seen()).containsExactly(
        seen("public-case-study-url", "2.2", BLOCKER, "Case Studies!M3"),
        seen("public-case-study-url", "2.2", BLOCKER, "Case Studies"));
    assertThat(result.findings("public-case-study-url").get(0).message())
        .contains("is the same page as case study 1's");
    assertThat(result.findings("public-case-study-url").get(1).message())
        .startsWith("1 of the case studies is public with a valid URL of its own");
  }

  @Test
  void publicUrl_otherQueryOfTheSamePath_isAnotherPage() {
    Evaluation result = firstUrl("https://northwind-cloud.com/case-studies/1?page=2");

    assertThat(result.seen()).isEmpty();
  }

  // ---- published by the partner -----------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"https://medium.com/@northwind/acme-ci-cd", "https://aws.amazon.com/partners/success/acme/",
      "https://northwind-cloud.co/case-studies/1", "https://evilnorthwind-cloud.com/1"})
  void publisher_hostNotUnderThePartnersWebsite_isAWarningForAReviewer(String url) {
    Evaluation result = firstUrl(url);

    assertThat(result.seen()).containsExactly(seen("public-case-study-publisher", "2.2", WARNING, "Case Studies!M2"));
    assertThat(result.only("public-case-study-publisher").message()).contains("not on the partner website"
        + " 'northwind-cloud.com'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"northwind-cloud.com", "https://www.northwind-cloud.com/", "HTTP://Northwind-Cloud.com/en"})
  void publisher_websiteWrittenAnyWay_comparesItsDomain(String website) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_WEBSITE, website)
        .caseStudy(2, c -> c.set(CaseStudyColumn.PUBLIC_URL, "https://medium.com/@northwind/2"));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("public-case-study-publisher", "2.2", WARNING, "Case Studies!M3"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not a website"})
  void publisher_noUsableWebsite_comparesNothing(String website) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_WEBSITE,
        website.isEmpty() ? null : website).caseStudy(2, c -> c.set(CaseStudyColumn.PUBLIC_URL,
        "https://medium.com/@northwind/2"));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.findings("public-case-study-publisher")).isEmpty();
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
  void publicContent_privateCaseStudyWithoutOutcome_isA21BlockerNotAPublicContentOne() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).caseStudy(3, c -> c.set(CaseStudyColumn.OUTCOME, null));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-content", "2.1", BLOCKER, "Case Studies!I4"));
  }
}
