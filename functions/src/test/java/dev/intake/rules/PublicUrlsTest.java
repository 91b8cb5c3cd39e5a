package dev.intake.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The field check of a public case-study URL, for addresses the workbook tests do not spell out. */
class PublicUrlsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://2130706433/|points at an IP address",
      "https://0x7f.0x0.0x0.0x1/|has no host name",
      "https://[fd00::1]:443/|points at an IP address",
      "https://printer.local/|a private or reserved name",
      "https://app.localhost/|a private or reserved name",
      "https://router.home.arpa/|a private or reserved name",
      "https://shop.test/|a private or reserved name",
      "https://hidden.onion/|a private or reserved name",
      "https://host.123/|has no host name",
      "https://build-server/|is not a public host name",
      "javascript:alert(1)|is a javascript: address",
      "file:///etc/passwd|is a file: address",
      "https:///path-only|has no host name",
      "'   '|is missing"})
  void problem_unsafeOrPrivateAddress_isNamed(String url, String problem) {
    String found = PublicUrls.problem(url);

    assertThat(found).contains(problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://example.com/case", "https://xn--bcher-kva.de/fall", "https://a.b.co.uk/x",
      "http://example.com/plain-http-is-the-rules-warning"})
  void problem_publicWebAddress_isNull(String url) {
    String found = PublicUrls.problem(url);

    assertThat(found).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://northwind-cloud.com/case-studies/1|http://WWW.Northwind-Cloud.com/case-studies/1/",
      "https://northwind-cloud.com/cs?id=1|https://northwind-cloud.com:443/cs?id=1#outcome",
      "https://northwind-cloud.com./x|https://northwind-cloud.com/x//"})
  void page_sameAddressWrittenTwoWays_isOnePage(String one, String other) {
    assertThat(PublicUrls.page(one)).isEqualTo(PublicUrls.page(other));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://northwind-cloud.com/case-studies/1|https://northwind-cloud.com/case-studies/2",
      "https://northwind-cloud.com/cs?id=1|https://northwind-cloud.com/cs?id=2",
      "https://blog.northwind-cloud.com/x|https://northwind-cloud.com/x"})
  void page_differentAddresses_areDifferentPages(String one, String other) {
    assertThat(PublicUrls.page(one)).isNotEqualTo(PublicUrls.page(other));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "northwind-cloud.com|northwind-cloud.com",
      "https://www.Northwind-Cloud.com/en/|northwind-cloud.com",
      "http://northwind-cloud.com.|northwind-cloud.com",
      "'  '|''",
      "localhost|''",
      "not a site|''"})
  void siteDomain_websiteAsPartnersWriteIt_isItsBareDomain(String website, String domain) {
    assertThat(PublicUrls.siteDomain(website)).isEqualTo(domain);
  }
}
