package dev.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.rules.PageFetcher;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Refusals happen before any traffic: the connector records every attempt and connects nowhere. */
class SafePageFetcherRefusalTest {

  private static final String HOST = "victim.example.com";

  private final RecordingConnector connector = RecordingConnector.refusingAll();

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "0.0.0.0", "::", "10.1.2.3", "172.16.5.4",
      "172.31.0.1", "192.168.0.10", "169.254.169.254", "169.254.170.2", "169.254.3.4", "fe80::abcd",
      "100.64.1.1", "224.0.0.251", "ff02::fb", "255.255.255.255", "192.0.0.170", "192.0.2.10", "198.18.1.1",
      "198.51.100.20", "203.0.113.30", "240.1.2.3", "fc00::5", "fd00:ec2::254", "fec0::7", "::ffff:127.0.0.1",
      "::ffff:192.168.1.1", "::ffff:169.254.169.254", "::10.0.0.1", "2002:c0a8:101::1",
      "2001:0:4136:e378:8000:63bf:3fff:fdd2", "64:ff9b::c0a8:101", "64:ff9b::7f00:1"})
  void fetch_hostResolvingToBlockedAddress_isRefusedWithoutConnecting(String literal) {
    FakeResolver resolver = new FakeResolver().answer(HOST, literal);
    SafePageFetcher fetcher = new SafePageFetcher(resolver).withConnector(connector);

    PageFetcher.Result result = fetcher.fetch(URI.create("https://" + HOST + "/case-study"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Refused.class,
        refused -> assertThat(refused.reason()).contains(HOST + " resolves to"));
    assertThat(resolver.lookups()).containsExactly(HOST);
    assertThat(connector.attempts()).isEmpty();
  }

  @Test
  void fetch_oneOfSeveralAddressesBlocked_isRefusedWithoutConnecting() {
    FakeResolver resolver = new FakeResolver().answer(HOST, "93.184.216.34", "10.0.0.7");
    SafePageFetcher fetcher = new SafePageFetcher(resolver).withConnector(connector);

    PageFetcher.Result result = fetcher.fetch(URI.create("https://" + HOST + "/"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Refused.class,
        refused -> assertThat(refused.reason()).contains("10.0.0.7, a private address"));
    assertThat(connector.attempts()).isEmpty();
  }

  @Test
  void fetch_publicAddress_connectsToExactlyTheCheckedAddressAfterOneLookup() {
    FakeResolver resolver = new FakeResolver().answer(HOST, "93.184.216.34");
    SafePageFetcher fetcher = new SafePageFetcher(resolver).withConnector(connector);

    PageFetcher.Result result = fetcher.fetch(URI.create("https://" + HOST + "/"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Failed.class,
        failed -> assertThat(failed.reason()).contains("could not connect to " + HOST));
    assertThat(resolver.lookups()).containsExactly(HOST);
    assertThat(connector.attempts()).singleElement().satisfies(target -> {
      assertThat(target.isUnresolved()).isFalse();
      assertThat(target.getAddress()).isEqualTo(TestAddresses.parse("93.184.216.34"));
      assertThat(target.getPort()).isEqualTo(443);
    });
  }

  @Test
  void fetch_unknownHost_failsWithoutConnecting() {
    FakeResolver resolver = new FakeResolver();
    SafePageFetcher fetcher = new SafePageFetcher(resolver).withConnector(connector);

    PageFetcher.Result result = fetcher.fetch(URI.create("https://no-such-host.example.com/"));

    assertThat(result).isEqualTo(new PageFetcher.Failed("the host name no-such-host.example.com does not resolve"));
    assertThat(connector.attempts()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://2130706433/", "http://0x7f.1/", "http://0x7f000001/", "http://0177.0.0.1/",
      "http://127.1/", "http://127.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
      "http://[::ffff:7f00:1]/", "http://[fd00:ec2::254]/", "https://8.8.8.8/"})
  void fetch_ipLiteralHostInAnyEncoding_isRefusedWithoutLookupOrConnection(String url) {
    FakeResolver resolver = new FakeResolver();
    SafePageFetcher fetcher = new SafePageFetcher(resolver).withConnector(connector);

    PageFetcher.Result result = fetcher.fetch(URI.create(url));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Refused.class,
        refused -> assertThat(refused.reason()).contains("IP address"));
    assertThat(resolver.lookups()).isEmpty();
    assertThat(connector.attempts()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://victim.example.com:8080/", "https://victim.example.com:8443/",
      "http://victim.example.com:6379/", "https://victim.example.com:22/", "http://victim.example.com:0/"})
  void fetch_portOtherThan80Or443_isRefusedWithoutLookupOrConnection(String url) {
    FakeResolver resolver = new FakeResolver().answer(HOST, "93.184.216.34");
    SafePageFetcher fetcher = new SafePageFetcher(resolver).withConnector(connector);

    PageFetcher.Result result = fetcher.fetch(URI.create(url));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Refused.class,
        refused -> assertThat(refused.reason()).contains("only ports 80 and 443"));
    assertThat(resolver.lookups()).isEmpty();
    assertThat(connector.attempts()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://user:pass@victim.example.com/", "https://victim.example.com@evil.example.com/",
      "http://admin@victim.example.com/"})
  void fetch_userInfo_isRefusedWithoutLookupOrConnection(String url) {
    FakeResolver resolver = new FakeResolver().answer(HOST, "93.184.216.34").answer("evil.example.com", "8.8.8.8");
    SafePageFetcher fetcher = new SafePageFetcher(resolver).withConnector(connector);

    PageFetcher.Result result = fetcher.fetch(URI.create(url));

    assertThat(result).isEqualTo(new PageFetcher.Refused("it contains a user name or password"));
    assertThat(resolver.lookups()).isEmpty();
    assertThat(connector.attempts()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://victim.example.com/", "file:///etc/passwd", "jar:file:/x.jar!/a",
      "gopher://victim.example.com:70/"})
  void fetch_schemeOtherThanHttpOrHttps_isRefusedWithoutLookupOrConnection(String url) {
    FakeResolver resolver = new FakeResolver().answer(HOST, "93.184.216.34");
    SafePageFetcher fetcher = new SafePageFetcher(resolver).withConnector(connector);

    PageFetcher.Result result = fetcher.fetch(URI.create(url));

    assertThat(result).isInstanceOf(PageFetcher.Refused.class);
    assertThat(resolver.lookups()).isEmpty();
    assertThat(connector.attempts()).isEmpty();
  }

  @Test
  void fetch_systemResolverOnLocalhost_isRefusedAsLoopback() {
    SafePageFetcher fetcher = new SafePageFetcher().withConnector(connector);

    PageFetcher.Result result = fetcher.fetch(URI.create("http://localhost/admin"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Refused.class,
        refused -> assertThat(refused.reason()).contains("loopback"));
    assertThat(connector.attempts()).isEmpty();
  }

  @Test
  void fetch_allowListForOtherAddressOnPort_stillRefusesLoopback() {
    FakeResolver resolver = new FakeResolver().answer(HOST, "127.0.0.1");
    SafePageFetcher fetcher = new SafePageFetcher(resolver).withConnector(connector)
        .allowingForTestsOnly(new InetSocketAddress(TestAddresses.parse("127.0.0.2"), 8089));

    PageFetcher.Result result = fetcher.fetch(URI.create("http://" + HOST + ":8089/"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Refused.class,
        refused -> assertThat(refused.reason()).contains("127.0.0.1, a loopback address"));
    assertThat(connector.attempts()).isEmpty();
  }
}
