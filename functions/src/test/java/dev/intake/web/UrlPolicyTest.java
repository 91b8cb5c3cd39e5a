package dev.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlPolicyTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ftp://example.com/case.html              | scheme 'ftp'",
      "file:///etc/passwd                       | scheme 'file'",
      "gopher://example.com/                    | scheme 'gopher'",
      "//example.com/case                       | not an absolute",
      "http:///case                             | no host",
      "http://example.com:8080/case             | port 8080",
      "https://example.com:8443/case            | port 8443",
      "http://example.com:22/                   | port 22",
      "http://user:secret@example.com/case      | user name or password",
      "http://user@example.com/case             | user name or password",
      "http://@example.com/case                 | user name or password",
      "http://2130706433/                       | IP address",
      "http://0x7f.1/                           | IP address",
      "http://0x7f000001/                       | IP address",
      "http://0177.0.0.1/                       | IP address",
      "http://127.1/                            | IP address",
      "http://127.0.0.1/                        | IP address",
      "http://8.8.8.8/                          | IP address",
      "http://169.254.169.254./latest           | IP address",
      "http://[::1]/                            | IP address",
      "http://[::ffff:127.0.0.1]/               | IP address",
      "http://[fd00:ec2::254]/                  | IP address",
      "http://a_b.example.com/                  | not a valid host name",
      "http://exa$mple.com/                     | not a valid host name",
  })
  void check_unsafeUrl_isDeniedWithReason(String url, String reason) {
    URI uri = URI.create(url);

    UrlPolicy.Verdict verdict = UrlPolicy.check(uri, Set.of());

    assertThat(verdict).isInstanceOfSatisfying(UrlPolicy.Denied.class,
        denied -> assertThat(denied.reason()).contains(reason));
  }

  @Test
  void check_httpsWithDefaultPort_targetsPort443WithTls() {
    URI uri = URI.create("https://Partner.Example.com./customers/acme?lang=en#top");

    UrlPolicy.Verdict verdict = UrlPolicy.check(uri, Set.of());

    assertThat(verdict).isEqualTo(new UrlPolicy.Allowed(new UrlPolicy.Target(uri, true, "partner.example.com", 443,
        "/customers/acme?lang=en", "partner.example.com")));
  }

  @Test
  void check_explicitStandardPortAndEmptyPath_targetsRootWithoutPortInHostHeader() {
    URI uri = URI.create("http://example.com:80");

    UrlPolicy.Verdict verdict = UrlPolicy.check(uri, Set.of());

    assertThat(verdict).isEqualTo(new UrlPolicy.Allowed(new UrlPolicy.Target(uri, false, "example.com", 80, "/",
        "example.com")));
  }

  @Test
  void check_nonAsciiPath_isPercentEncodedInTheRequestLine() {
    URI uri = URI.create("https://example.com/kunden/m\u00fcller?q=\u00e9");

    UrlPolicy.Verdict verdict = UrlPolicy.check(uri, Set.of());

    assertThat(verdict).isInstanceOfSatisfying(UrlPolicy.Allowed.class,
        allowed -> assertThat(allowed.target().requestTarget()).isEqualTo("/kunden/m%C3%BCller?q=%C3%A9"));
  }

  @Test
  void check_testPortWhenAllowListed_isAdmittedAndKeptInHostHeader() {
    URI uri = URI.create("http://pages.example.com:8089/x");

    UrlPolicy.Verdict verdict = UrlPolicy.check(uri, Set.of(8089));

    assertThat(verdict).isInstanceOfSatisfying(UrlPolicy.Allowed.class,
        allowed -> assertThat(allowed.target().hostHeader()).isEqualTo("pages.example.com:8089"));
  }
}
