package dev.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.intake.rules.PageFetcher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** https against a local server whose self-signed certificate the client is told to trust. */
@Timeout(60)
class SafePageFetcherTlsTest {

  private static final String HOST = "pages.example.com";

  @TempDir
  static Path keys;
  private static TestCertificates certificate;

  private final List<String> serverNames = new CopyOnWriteArrayList<>();
  private HttpsServer server;

  @BeforeAll
  static void makeCertificate() throws Exception {
    certificate = TestCertificates.selfSigned(HOST, keys);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void fetch_httpsWithCertificateForTheHost_returnsThePageAndSendsSni() throws Exception {
    startServer(certificate.serverContext());
    FakeResolver resolver = new FakeResolver().answer(HOST, "127.0.0.1");
    SafePageFetcher fetcher = fetcher(resolver);

    PageFetcher.Result result = fetcher.fetch(URI.create("https://" + HOST + ":" + port() + "/case-study"));

    assertThat(result).isEqualTo(new PageFetcher.Page(200, "Acme helped Globex"));
    assertThat(serverNames).containsExactly(HOST);
  }

  @Test
  void fetch_httpsWithCertificateForAnotherHost_failsHostNameVerification() throws Exception {
    startServer(certificate.serverContext());
    FakeResolver resolver = new FakeResolver().answer("other.example.com", "127.0.0.1");
    SafePageFetcher fetcher = fetcher(resolver);

    PageFetcher.Result result = fetcher.fetch(URI.create("https://other.example.com:" + port() + "/case-study"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Failed.class,
        failed -> assertThat(failed.reason()).startsWith("the TLS connection to other.example.com failed")
            .contains("subject alternative DNS name"));
  }

  @Test
  void fetch_httpsWithUntrustedCertificate_failsWithTheDefaultTrustStore() throws Exception {
    startServer(certificate.serverContext());
    FakeResolver resolver = new FakeResolver().answer(HOST, "127.0.0.1");
    SafePageFetcher fetcher = new SafePageFetcher(resolver)
        .allowingForTestsOnly(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port()));

    PageFetcher.Result result = fetcher.fetch(URI.create("https://" + HOST + ":" + port() + "/case-study"));

    assertThat(result).isInstanceOfSatisfying(PageFetcher.Failed.class,
        failed -> assertThat(failed.reason()).startsWith("the TLS connection to " + HOST + " failed")
            .contains("PKIX"));
  }

  private SafePageFetcher fetcher(FakeResolver resolver) throws GeneralSecurityException, IOException {
    return new SafePageFetcher(resolver)
        .withTls(TlsLayer.verifying(certificate.clientContext().getSocketFactory()))
        .allowingForTestsOnly(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port()));
  }

  private void startServer(SSLContext context) throws IOException {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/", exchange -> {
      if (exchange instanceof HttpsExchange https && https.getSSLSession() instanceof ExtendedSSLSession session) {
        session.getRequestedServerNames().forEach(name -> serverNames.add(((SNIHostName) name).getAsciiName()));
      }
      byte[] body = "<p>Acme helped Globex</p>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  private int port() {
    return server.getAddress().getPort();
  }
}
