package dev.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.rules.PageFetcher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Fetches against real servers on 127.0.0.1, reachable only through the explicit test allow-list. */
@Timeout(30)
class SafePageFetcherTest {

  private static final String HOST = "pages.example.com";

  private final FakeResolver resolver = new FakeResolver().answer(HOST, "127.0.0.1");
  private final List<AutoCloseable> servers = new ArrayList<>();

  @AfterEach
  void stopServers() throws Exception {
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  @Test
  void fetch_allowListedLocalServer_returnsPageTextAndSendsTheRequestHeaders() throws IOException {
    LocalServer server = local().html("/case-study",
        "<html><script>var hidden = 'Initech';</script><h1>Acme &amp; Co</h1><p>helped Globex</p></html>");
    SafePageFetcher fetcher = allowing(server.address());

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/case-study"));

    assertThat(result).isEqualTo(new PageFetcher.Page(200, "Acme & Co helped Globex"));
    assertThat(server.requests()).containsExactly(new LocalServer.Request("/case-study",
        HOST + ":" + server.port(), "competency-intake-url-check/1.0", "identity"));
    assertThat(resolver.lookups()).containsExactly(HOST);
  }

  @Test
  void fetch_sameLocalServerWithoutAllowList_isRefusedAndReceivesNoRequest() throws IOException {
    LocalServer server = local().html("/case-study", "<p>Acme</p>");
    SafePageFetcher fetcher = new SafePageFetcher(resolver);

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/case-study"));

    // Its ephemeral port is the first thing refused; the next test admits the port to reach the address check.
    assertThat(result).isInstanceOfSatisfying(PageFetcher.Refused.class,
        refused -> assertThat(refused.reason()).contains("port " + server.port()));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void fetch_localServerWithPortAllowListedButNotItsAddress_isRefusedAsLoopbackAndReceivesNoRequest()
      throws IOException {
    LocalServer server = local().html("/case-study", "<p>Acme</p>");
    SafePageFetcher fetcher = new SafePageFetcher(resolver)
        .allowingForTestsOnly(new InetSocketAddress(TestAddresses.parse("127.0.0.2"), server.port()));

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/case-study"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Refused.class,
        refused -> assertThat(refused.reason()).contains("127.0.0.1, a loopback address"));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void fetch_notFound_failsWithTheStatus() throws IOException {
    LocalServer server = local();
    SafePageFetcher fetcher = allowing(server.address());

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/missing"));

    assertThat(result).isEqualTo(new PageFetcher.Failed("HTTP 404"));
  }

  @Test
  void fetch_threeRedirects_followsThemToThePage() throws IOException {
    LocalServer server = local();
    server.redirect("/r0", 301, "/r1").redirect("/r1", 302, url(server.port(), "/r2").toString())
        .redirect("/r2", 307, "r3").html("/r3", "<p>Acme</p>");
    SafePageFetcher fetcher = allowing(server.address());

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/r0"));

    assertThat(result).isEqualTo(new PageFetcher.Page(200, "Acme"));
    assertThat(server.paths()).containsExactly("/r0", "/r1", "/r2", "/r3");
    assertThat(resolver.lookups()).containsExactly(HOST, HOST, HOST, HOST);
  }

  @Test
  void fetch_fourRedirects_failsWithoutFollowingTheFourth() throws IOException {
    LocalServer server = local();
    server.redirect("/r0", 301, "/r1").redirect("/r1", 302, "/r2").redirect("/r2", 303, "/r3")
        .redirect("/r3", 308, "/r4").html("/r4", "<p>Acme</p>");
    SafePageFetcher fetcher = allowing(server.address());

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/r0"));

    assertThat(result).isEqualTo(new PageFetcher.Failed("it redirects more than 3 times"));
    assertThat(server.paths()).containsExactly("/r0", "/r1", "/r2", "/r3");
  }

  @Test
  void fetch_redirectToHostResolvingToMetadataAddress_isRefusedWithoutConnectingThere() throws IOException {
    LocalServer server = local();
    server.redirect("/go", 302, "http://metadata.example.com/latest/meta-data/iam/");
    resolver.answer("metadata.example.com", "169.254.169.254");
    RecordingConnector connector = RecordingConnector.direct();
    SafePageFetcher fetcher = allowing(server.address()).withConnector(connector);

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/go"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Refused.class, refused -> assertThat(refused.reason())
        .startsWith("the redirect to http://metadata.example.com/latest/meta-data/iam/ was refused")
        .contains("169.254.169.254, the cloud instance-metadata address"));
    assertThat(connector.attempts()).containsExactly(server.address());
    assertThat(resolver.lookups()).containsExactly(HOST, "metadata.example.com");
  }

  @Test
  void fetch_redirectToPrivateIpLiteral_isRefusedWithoutConnectingThere() throws IOException {
    LocalServer server = local();
    server.redirect("/go", 301, "http://10.0.0.5/admin");
    RecordingConnector connector = RecordingConnector.direct();
    SafePageFetcher fetcher = allowing(server.address()).withConnector(connector);

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/go"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Refused.class,
        refused -> assertThat(refused.reason()).contains("IP address"));
    assertThat(connector.attempts()).containsExactly(server.address());
  }

  @Test
  void fetch_redirectToOtherPort_isRefused() throws IOException {
    LocalServer server = local();
    server.redirect("/go", 302, "http://" + HOST + ":6379/");
    RecordingConnector connector = RecordingConnector.direct();
    SafePageFetcher fetcher = allowing(server.address()).withConnector(connector);

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/go"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Refused.class,
        refused -> assertThat(refused.reason()).contains("port 6379"));
    assertThat(connector.attempts()).containsExactly(server.address());
  }

  @Test
  void fetch_httpsRedirectingToHttp_isRefusedAndThePlainPageIsNotRequested() throws IOException {
    LocalServer server = local();
    server.redirect("/secure", 302, url(server.port(), "/plain").toString()).html("/plain", "<p>Acme</p>");
    List<String> tlsHosts = new ArrayList<>();
    // The server has no certificate: this layer stands in for TLS and records that it was asked for.
    TlsLayer plainStandIn = (socket, host, port) -> {
      tlsHosts.add(host);
      return socket;
    };
    SafePageFetcher fetcher = allowing(server.address()).withTls(plainStandIn);

    PageFetcher.Result result = fetcher.fetch(URI.create("https://" + HOST + ":" + server.port() + "/secure"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Refused.class,
        refused -> assertThat(refused.reason()).contains("from https to http://"));
    assertThat(tlsHosts).containsExactly(HOST);
    assertThat(server.paths()).containsExactly("/secure");
  }

  @Test
  void fetch_httpsAgainstAPlainServer_failsInTheTlsHandshake() throws IOException {
    RawServer server = RawServer.startAnsweringAtOnce(out -> out.write(
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    servers.add(server);
    SafePageFetcher fetcher = allowing(server.address());

    PageFetcher.Result result = fetcher.fetch(URI.create("https://" + HOST + ":" + server.port() + "/"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Failed.class,
        failed -> assertThat(failed.reason()).startsWith("the TLS connection to " + HOST + " failed"));
  }

  @Test
  void fetch_fiveMegabyteBodyWithLength_readsOnlyTheFirstMegabyte() throws IOException {
    LocalServer server = local();
    server.route("/big", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, 5L * 1024 * 1024);
      writeMegabytes(exchange.getResponseBody(), 5);
    });
    SafePageFetcher fetcher = allowing(server.address()).withLimits(FetchLimits.DEFAULT.withMaxTextChars(10_000_000));

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/big"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Page.class,
        page -> assertThat(page.text()).hasSize(1024 * 1024));
  }

  @Test
  void fetch_fiveMegabyteChunkedBody_readsOnlyTheFirstMegabyte() throws IOException {
    LocalServer server = local();
    server.route("/big", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, 0);
      writeMegabytes(exchange.getResponseBody(), 5);
    });
    SafePageFetcher fetcher = allowing(server.address()).withLimits(FetchLimits.DEFAULT.withMaxTextChars(10_000_000));

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/big"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Page.class,
        page -> assertThat(page.text()).hasSize(1024 * 1024));
  }

  @Test
  void fetch_bigPageWithDefaultLimits_returnsTextCutAtTheTextCap() throws IOException {
    LocalServer server = local();
    server.route("/big", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, 0);
      writeMegabytes(exchange.getResponseBody(), 5);
    });
    SafePageFetcher fetcher = allowing(server.address());

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/big"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Page.class,
        page -> assertThat(page.text()).hasSize(FetchLimits.DEFAULT.maxTextChars()));
  }

  @Test
  void fetch_chunkedPage_isReassembled() throws IOException {
    LocalServer server = local();
    server.route("/chunked", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (String part : List.of("<p>Acme ", "helped ", "M\u00fcller ", "GmbH</p>")) {
          out.write(part.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    });
    SafePageFetcher fetcher = allowing(server.address());

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/chunked"));

    assertThat(result).isEqualTo(new PageFetcher.Page(200, "Acme helped M\u00fcller GmbH"));
  }

  @Test
  void fetch_handWrittenChunksWithExtensionsAndTrailer_areDecoded() throws IOException {
    RawServer server = raw(out -> out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n5;name=value\r\nAcme \r\nA\r\nhelped Glo\r\n3\r\nbex\r\n0\r\n"
        + "X-Trailer: yes\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
    SafePageFetcher fetcher = allowing(server.address());

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/"));

    assertThat(result).isEqualTo(new PageFetcher.Page(200, "Acme helped Globex"));
  }

  @Test
  void fetch_bodyWithoutLength_isReadUntilClose() throws IOException {
    RawServer server = raw(out -> out.write(("HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n"
        + "\r\n<p>M\u00fcller</p>").getBytes(StandardCharsets.ISO_8859_1)));
    SafePageFetcher fetcher = allowing(server.address());

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/"));

    assertThat(result).isEqualTo(new PageFetcher.Page(200, "M\u00fcller"));
  }

  @Test
  void fetch_headersLargerThan32Kilobytes_fails() throws IOException {
    RawServer server = raw(out -> {
      out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 1000; i++) {
        out.write(("X-Filler-" + i + ": " + "x".repeat(40) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    });
    SafePageFetcher fetcher = allowing(server.address());

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/"));

    assertThat(result).isEqualTo(new PageFetcher.Failed("the response headers are larger than 32 KB"));
  }

  @Test
  void fetch_compressedBodyDespiteIdentity_fails() throws IOException {
    RawServer server = raw(out -> out.write(("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n\r\n"
        + "abc").getBytes(StandardCharsets.US_ASCII)));
    SafePageFetcher fetcher = allowing(server.address());

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Failed.class,
        failed -> assertThat(failed.reason()).contains("gzip-encoded"));
  }

  @Test
  void fetch_notHttp_fails() throws IOException {
    RawServer server = raw(out -> out.write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII)));
    SafePageFetcher fetcher = allowing(server.address());

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/"));

    assertThat(result).isEqualTo(new PageFetcher.Failed("the server did not answer with HTTP/1.x"));
  }

  @Test
  void fetch_serverSilentPastTheReadTimeout_fails() throws IOException {
    RawServer server = raw(out -> Thread.sleep(5_000));
    SafePageFetcher fetcher = allowing(server.address())
        .withLimits(FetchLimits.DEFAULT.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200),
            Duration.ofSeconds(10)));

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/"));

    assertThat(result).isEqualTo(new PageFetcher.Failed("the server did not answer within 200 ms"));
  }

  @Test
  void fetch_serverDrippingOneByteAtATime_failsAtTheOverallDeadline() throws IOException {
    RawServer server = raw(out -> {
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 100_000; i++) {
        out.write('a');
        out.flush();
        Thread.sleep(50);
      }
    });
    SafePageFetcher fetcher = allowing(server.address())
        .withLimits(FetchLimits.DEFAULT.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofMillis(700)));

    PageFetcher.Result result = fetcher.fetch(url(server.port(), "/"));

    assertThat(result).isEqualTo(new PageFetcher.Failed("it took longer than 700 ms"));
  }

  private LocalServer local() throws IOException {
    LocalServer server = LocalServer.start();
    servers.add(server);
    return server;
  }

  private RawServer raw(RawServer.Script script) throws IOException {
    RawServer server = RawServer.start(script);
    servers.add(server);
    return server;
  }

  private SafePageFetcher allowing(InetSocketAddress address) {
    return new SafePageFetcher(resolver).allowingForTestsOnly(address);
  }

  private static URI url(int port, String path) {
    return URI.create("http://" + HOST + ":" + port + path);
  }

  private static void writeMegabytes(OutputStream body, int megabytes) throws IOException {
    byte[] block = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = body) {
      for (int i = 0; i < megabytes * 16; i++) {
        out.write(block);
      }
    } catch (IOException expected) {
      // The fetcher stops reading at its cap and hangs up.
    }
  }
}
