package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.api.CallerResolver;
import dev.intake.api.ExecutionHistory;
import dev.intake.api.ReviewerApi;
import dev.intake.api.TemplateService;
import dev.intake.api.UploadLinks;
import dev.intake.checklist.Checklist;
import dev.intake.handlers.ApiHandler;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionIds;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.testing.FakeUploadPresigner;
import dev.intake.testing.InMemoryObjectStore;
import dev.intake.testing.InMemorySubmissionStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The local API's HTTP server on its own, with the real handler over in-memory stores: what a hostile
 * or clumsy client on the same machine can do to it (stalled connections, oversized bodies, malformed
 * paths) and that every answer stays the API's JSON.
 */
class LocalApiServerTest {

  private static final String TOKEN = "test-token-0123456789abcdef";

  private final LocalTokens tokens = new LocalTokens(TOKEN);
  private final List<Socket> stalled = new ArrayList<>();
  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private LocalApiServer server;

  private LocalApiServer start(LocalApiServer.Limits limits) throws IOException {
    InMemoryObjectStore objects = new InMemoryObjectStore();
    ApiHandler handler = new ApiHandler(new ReviewerApi(store, objects,
        new TemplateService(objects, "bucket", Checklist.current()), ExecutionHistory.NONE,
        new UploadLinks(new FakeUploadPresigner(), "bucket", Clock.systemUTC()), Clock.systemUTC()),
        CallerResolver.of(LocalTokens.REVIEWER_ROLE, LocalTokens.PARTNER_ROLE_PREFIX));
    server = new LocalApiServer(handler, tokens, 0, limits);
    return server;
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : stalled) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Opens a connection that sends a request line and then nothing, as a slow or hostile client would. */
  private Socket stall() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.endpoint().getPort());
    s.getOutputStream().write("GET /submissions HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    stalled.add(s);
    return s;
  }

  /** Sends {@code count} authenticated requests, eight at a time; returns their status codes. */
  private List<Integer> authenticatedRequests(int count) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        results.add(pool.submit(() -> client.send(HttpRequest.newBuilder(server.endpoint().resolve("/submissions"))
            .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20)).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(120)
  void server_eightStalledConnections_fiftyAuthenticatedRequestsAllSucceed() throws Exception {
    start(LocalApiServer.Limits.defaults());
    for (int i = 0; i < 8; i++) {
      stall();
    }

    List<Integer> statuses = authenticatedRequests(50);

    assertThat(statuses).hasSize(50).containsOnly(200);
  }

  @Test
  @Timeout(120)
  void server_moreStalledConnectionsThanItsLimit_authenticatedRequestsStillSucceed() throws Exception {
    // given: a limit of 16 connections, 40 stalled ones trying to hold all of them
    start(new LocalApiServer.Limits(Duration.ofSeconds(30), 16, Duration.ofMillis(300), 16, 8 * 1024));
    for (int i = 0; i < 40; i++) {
      stall();
    }

    List<Integer> statuses = authenticatedRequests(20);

    assertThat(statuses).hasSize(20).containsOnly(200);
  }

  @Test
  @Timeout(60)
  void server_stalledConnection_isClosedAfterTheIdleTimeout() throws Exception {
    start(new LocalApiServer.Limits(Duration.ofMillis(500), 64, Duration.ofMillis(200), 16, 8 * 1024));
    Socket s = stall();
    s.setSoTimeout(30_000);

    InputStream in = s.getInputStream();
    byte[] answer = in.readAllBytes();

    // Closed by the server (end of stream), with at most an error status line before it.
    assertThat(new String(answer, StandardCharsets.US_ASCII)).satisfiesAnyOf(
        a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 4"));
  }

  @Test
  @Timeout(60)
  void server_expectContinueWithOversizedBody_answers413WithTheJsonError() throws Exception {
    start(LocalApiServer.Limits.defaults());

    Raw response = raw("POST /submissions/sub-aaaaaaaaaaaaaaaaaaaaaaaaaa/decisions HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\n"
        + "Content-Length: 10000000\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n", 10_000_000);

    // Answered before the client sends a byte of it: a client told to continue would still be
    // sending 10 MB when the server closes the connection, and lose the answer.
    assertThat(response.sawContinue()).isFalse();
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.header("content-type")).startsWith("application/json");
    assertThat(response.json().path("code").asText()).isEqualTo("TOO_LARGE");
  }

  @Test
  @Timeout(60)
  void server_chunkedOversizedBody_answers413WithTheJsonError() throws Exception {
    start(LocalApiServer.Limits.defaults());
    String chunk = "a".repeat(4096);
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      body.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    body.append("0\r\n\r\n");

    Raw response = raw("POST /submissions/sub-aaaaaaaaaaaaaaaaaaaaaaaaaa/decisions HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + body, 0);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().path("code").asText()).isEqualTo("TOO_LARGE");
  }

  @Test
  @Timeout(60)
  void server_expectContinueWithoutToken_answers401WithoutAskingForTheBody() throws Exception {
    start(LocalApiServer.Limits.defaults());

    Raw response = raw("POST /submissions/sub-aaaaaaaaaaaaaaaaaaaaaaaaaa/decisions HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: 10\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n", 10);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.sawContinue()).isFalse();
    assertThat(response.header("www-authenticate")).startsWith("Bearer");
    assertThat(response.json().path("code").asText()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  @Timeout(60)
  void server_malformedPathsAndQueries_answerTheJsonError() throws Exception {
    start(LocalApiServer.Limits.defaults());
    List<String> targets = List.of("/submissions/%zz", "/submissions?limit=%zz", "//submissions", "/%",
        "/submissions/%00");

    for (String target : targets) {
      Raw response = raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
          + "\r\nConnection: close\r\n\r\n", 0);

      assertThat(response.status()).as(target).isBetween(400, 499);
      assertThat(response.header("content-type")).as(target).startsWith("application/json");
      assertThat(response.json().path("code").asText()).as(target).isNotBlank();
    }
  }

  @Test
  @Timeout(60)
  void server_methodTheRouteDoesNotTake_answers405WithAllowAndTheJsonError() throws Exception {
    start(LocalApiServer.Limits.defaults());

    Raw response = raw("DELETE /submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
        + "\r\nConnection: close\r\n\r\n", 0);

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("allow")).isEqualTo("GET");
    assertThat(response.json().path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
  }

  @Test
  @Timeout(60)
  void server_requestHeadersTooLarge_answersTheJsonError() throws Exception {
    start(LocalApiServer.Limits.defaults());

    Raw response = raw("GET /submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
        + "\r\nX-Padding: " + "p".repeat(20_000) + "\r\nConnection: close\r\n\r\n", 0);

    assertThat(response.status()).isEqualTo(431);
    assertThat(response.json().path("code").asText()).isNotBlank();
  }

  @Test
  void server_answers_carryTheApiHeadersAndNoServerBanner() throws Exception {
    start(LocalApiServer.Limits.defaults());

    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        server.endpoint().resolve("/submissions")).header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
    assertThat(r.headers().firstValue("server")).isEmpty();
  }

  /** A submission of P-1001 in the store, evaluated READY; its id. */
  private String storedSubmission() {
    String key = "incoming/P-1001/a.xlsx";
    Submission s = Submission.received(SubmissionIds.submissionId("bucket", key, "v1"), "P-1001",
        new Submission.Source("bucket", key, "v1", "0000000000000001", SubmissionIds.documentId("bucket", key),
            "a.xlsx", 1000),
        Instant.parse("2026-11-02T10:00:00Z"), LocalDate.of(2026, 11, 1), Instant.parse("2026-11-02T10:00:00Z"))
        .withEvaluation(Submission.Evaluation.declared("4.0", "Example"));
    store.create(s);
    store.advance(s.submissionId(), SubmissionStatus.READY, Instant.parse("2026-11-02T10:01:00Z"));
    return s.submissionId();
  }

  private Raw get(String target) throws IOException {
    return raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
        + "\r\nConnection: close\r\n\r\n", 0);
  }

  @Test
  @Timeout(60)
  void server_encodedSlashInThePath_doesNotRoute() throws Exception {
    start(LocalApiServer.Limits.defaults());
    String id = storedSubmission();
    assertThat(get("/submissions/" + id + "/decisions").status()).isEqualTo(200);

    Raw encoded = get("/submissions/" + id + "%2Fdecisions");
    Raw lower = get("/submissions/" + id + "%2fdecisions");

    for (Raw r : List.of(encoded, lower)) {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("code").asText()).isEqualTo("INVALID_PATH");
      assertThat(r.json().path("message").asText()).contains("%2F");
    }
  }

  @Test
  @Timeout(60)
  void server_badPercentEncoding_answersTheSameSpecificMessageInThePathAsInTheQuery() throws Exception {
    start(LocalApiServer.Limits.defaults());

    Raw inPath = get("/submissions/%zz");
    Raw inQuery = get("/submissions?limit=%zz");

    assertThat(inPath.status()).isEqualTo(400);
    assertThat(inQuery.status()).isEqualTo(400);
    assertThat(inPath.json().path("message").asText()).as(inPath.json().toString()).contains("percent-encoding");
    assertThat(inQuery.json().path("message").asText()).contains("percent-encoding");
  }

  @ParameterizedTest
  @CsvSource({"review=NEW&review=ACCEPTED, review", "limit=2&limit=3, limit",
      "sort=oldest&overdue=true&sort=newest, sort"})
  @Timeout(60)
  void server_repeatedQueryParameter_is400NamingIt(String query, String parameter) throws Exception {
    start(LocalApiServer.Limits.defaults());

    Raw r = get("/submissions?" + query);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("INVALID_QUERY");
    assertThat(r.json().path("message").asText()).contains("'" + parameter + "'");
  }

  @Test
  @Timeout(60)
  void server_unsupportedHttpVersion_answers505WithItsOwnCode() throws Exception {
    start(LocalApiServer.Limits.defaults());

    Raw r = raw("GET /submissions HTTP/9.9\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
        + "\r\nConnection: close\r\n\r\n", 0);

    assertThat(r.status()).isEqualTo(505);
    assertThat(r.json().path("code").asText()).isEqualTo("HTTP_VERSION_NOT_SUPPORTED");
    assertThat(r.json().path("message").asText()).contains("HTTP/1.1");
  }

  @Test
  @Timeout(60)
  void server_decisionBodyNotUtf8_is400AndNothingIsRecorded() throws Exception {
    start(LocalApiServer.Limits.defaults());
    String id = storedSubmission();
    byte[] before = "{\"action\":\"REQUEST_CHANGES\",\"comment\":\"bad".getBytes(StandardCharsets.US_ASCII);
    byte[] body = concat(before, new byte[] {(byte) 0xff, (byte) 0xfe}, "utf8\"}".getBytes(StandardCharsets.US_ASCII));

    Raw r = rawBytes(concat(("POST /submissions/" + id + "/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("INVALID_BODY");
    assertThat(r.json().path("message").asText()).contains("not valid UTF-8")
        .contains("byte " + (before.length + 1));
    assertThat(store.decisions(id)).isEmpty();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Sends {@code request} as it is and reads the answer. */
  private Raw rawBytes(byte[] request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.endpoint().getPort())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      return Raw.read(s.getInputStream());
    }
  }

  static Stream<Arguments> malformedBodies() {
    String decisions = "POST /submissions/sub-aaaaaaaaaaaaaaaaaaaaaaaaaa/decisions";
    String uploads = "POST /uploads";
    List<Arguments> cases = new ArrayList<>();
    for (String target : List.of(decisions, uploads)) {
      cases.add(Arguments.of(target, "Transfer-Encoding: chunked", "zz\r\n\r\n", true));
      cases.add(Arguments.of(target, "Transfer-Encoding: chunked", "5\r\nab", true));
      cases.add(Arguments.of(target, "Transfer-Encoding: chunked", "ffffffffffffffffff\r\n", true));
      cases.add(Arguments.of(target, "Content-Length: 100", "{\"action\":", true));
      // Still open: the server answers without waiting for the client to give up.
      cases.add(Arguments.of(target, "Transfer-Encoding: chunked", "zz\r\n\r\n", false));
      cases.add(Arguments.of(target, "Transfer-Encoding: chunked", "ffffffffffffffffff\r\n\r\n", false));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with {1}: {2} (half-closed: {3})")
  @MethodSource("malformedBodies")
  @Timeout(60)
  void server_malformedOrTruncatedBody_answers400WithTheJsonError(String target, String framing, String body,
      boolean halfClose) throws Exception {
    start(LocalApiServer.Limits.defaults());
    String token = target.contains("uploads") ? tokens.partnerToken("P-1001") : TOKEN;
    String request = target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n" + body;

    // when: the body is cut short or its chunks are malformed (and the client may half-close the connection)
    Raw response = halfClose ? rawHalfClosed(request) : rawBytes(request.getBytes(StandardCharsets.US_ASCII));

    // then: a client mistake, not a 500
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("content-type")).startsWith("application/json");
    assertThat(response.json().path("code").asText()).isEqualTo("INVALID_BODY");
    assertThat(response.json().path("message").asText()).contains("incomplete or malformed");
  }

  /** Sends {@code request} as it is, half-closes the connection (no more bytes will come), reads the answer. */
  private Raw rawHalfClosed(String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.endpoint().getPort())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      s.shutdownOutput();
      return Raw.read(s.getInputStream());
    }
  }

  /** One raw exchange: sends the head, sends the body when asked to continue (or at once without Expect). */
  private Raw raw(String head, int bodyBytes) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.endpoint().getPort())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      boolean expectContinue = head.toLowerCase().contains("expect: 100-continue");
      boolean sawContinue = false;
      if (!expectContinue && bodyBytes > 0) {
        out.write(new byte[bodyBytes]);
        out.flush();
      }
      while (true) {
        Raw r = Raw.read(in);
        if (r.status() == 100) {
          sawContinue = true;
          try {
            out.write(new byte[bodyBytes]);
            out.flush();
          } catch (IOException e) {
            // the server may already have answered and closed; read what it said
          }
          continue;
        }
        return new Raw(r.status(), r.headers(), r.body(), sawContinue);
      }
    }
  }

  private record Raw(int status, List<String> headers, byte[] body, boolean sawContinue) {

    String header(String name) {
      return headers.stream().filter(h -> h.toLowerCase().startsWith(name.toLowerCase() + ":"))
          .map(h -> h.substring(h.indexOf(':') + 1).trim()).findFirst().orElse("");
    }

    JsonNode json() {
      return PipelineJson.tree(body);
    }

    static Raw read(InputStream in) throws IOException {
      String statusLine = line(in);
      List<String> headers = new ArrayList<>();
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        headers.add(h);
      }
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Raw partial = new Raw(status, headers, new byte[0], false);
      if (status == 100) {
        return partial;
      }
      String length = partial.header("content-length");
      byte[] body;
      if (!length.isEmpty()) {
        body = in.readNBytes(Integer.parseInt(length));
      } else if (partial.header("transfer-encoding").equalsIgnoreCase("chunked")) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
            size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
          b.write(in.readNBytes(size));
          line(in);
        }
        body = b.toByteArray();
      } else {
        body = in.readAllBytes();
      }
      return new Raw(status, headers, body, false);
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
        if (c != '\r') {
          b.write(c);
        }
      }
      return b.toString(StandardCharsets.US_ASCII);
    }
  }
}
