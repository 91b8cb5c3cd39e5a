package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.intake.pipeline.CheckService;
import dev.intake.pipeline.StoreUnavailableException;
import dev.intake.pipeline.SubmissionIds;
import dev.intake.pipeline.WorkObjects;
import dev.intake.pipeline.WorkObjectsContract;
import dev.intake.pipeline.WorkflowInput;
import dev.intake.rules.RuleGroup;
import dev.intake.testing.S3ProxyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The check functions' own S3 adapter: the read/write contract on S3Proxy, which checks every
 * request's SigV4 signature (so a wrongly signed request fails these tests), interchangeable with
 * the SDK's adapter on the same bucket; and against a stand-in server, what it sends and how it
 * treats throttling, outages and refusals.
 */
class S3WorkObjectsTest extends WorkObjectsContract {

  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  private static AwsClients clients;
  private HttpServer standIn;
  private final List<Recorded> received = new CopyOnWriteArrayList<>();
  private final Deque<Reply> replies = new ArrayDeque<>();

  @BeforeAll
  static void connect() {
    S3.createBucket(BUCKET);
    clients = AwsClients.local(null, S3.endpoint());
  }

  @AfterAll
  static void close() {
    clients.close();
  }

  @AfterEach
  void stopStandIn() {
    if (standIn != null) {
      standIn.stop(0);
    }
  }

  @Override
  protected WorkObjects newObjects() {
    return new S3WorkObjects(clients.factory().s3Connection());
  }

  @Test
  void write_readBySdkAdapter_sameBytesAndContentType() {
    byte[] bytes = randomBytes(70_000, 21);

    objects.write(BUCKET, key("work/sub-1/prerequisites.json"), bytes, "application/json");

    S3ObjectStore sdk = new S3ObjectStore(clients.s3(), clients.s3Presigner());
    assertThat(sdk.read(BUCKET, key("work/sub-1/prerequisites.json"), null, 1_000_000)).hasValue(bytes);
    assertThat(clients.s3().headObject(b -> b.bucket(BUCKET).key(key("work/sub-1/prerequisites.json")))
        .contentType()).isEqualTo("application/json");
  }

  @Test
  void read_writtenBySdkAdapter_keyNeedingEncoding_returnsItsBytes() {
    byte[] bytes = randomBytes(3_000, 22);
    String key = key("work/sub 2/a+b=c&d~é.json");
    new S3ObjectStore(clients.s3(), clients.s3Presigner()).write(BUCKET, key, bytes, "application/json");

    assertThat(objects.read(BUCKET, key, null, 10_000)).hasValue(bytes);
  }

  @Test
  void read_wrongSecret_isRefusedBySignatureCheckNotRetried() {
    S3Connection local = clients.factory().s3Connection();
    S3Connection forged = new S3Connection(local.region(), local.endpoint(), local.connectTimeout(),
        local.attemptTimeout(), local.callTimeout(),
        () -> SigningCredentials.of(AwsClients.LOCAL_ACCESS_KEY_ID, "not-the-secret"));
    objects.write(BUCKET, key("work/sub-3/parsed.json"), randomBytes(10, 23), "application/json");

    assertThatThrownBy(() -> new S3WorkObjects(forged).read(BUCKET, key("work/sub-3/parsed.json"), null, 100))
        .isInstanceOfSatisfying(S3RequestException.class, e -> assertThat(e.statusCode()).isEqualTo(403))
        .isNotInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void read_missingBucket_isAnErrorNotAMissingObject() {
    assertThatThrownBy(() -> objects.read("no-such-bucket", key("parsed.json"), null, 100))
        .isInstanceOfSatisfying(S3RequestException.class, e -> assertThat(e.errorCode()).isEqualTo("NoSuchBucket"));
  }

  @Test
  void write_anyPayload_signsItsSha256AndContentTypeAndSendsNoEncryptionHeader() throws Exception {
    S3WorkObjects store = againstStandIn(() -> new SigningCredentials("AKIDEXAMPLE", "secret", "session-token", null));
    replies.add(new Reply(200, ""));
    byte[] bytes = "{\"findings\":[]}".getBytes(StandardCharsets.UTF_8);

    store.write(BUCKET, "work/sub-4/case-studies.json", bytes, "application/json");

    Recorded put = received.get(0);
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.path()).isEqualTo("/" + BUCKET + "/work/sub-4/case-studies.json");
    assertThat(put.header("content-type")).isEqualTo("application/json");
    assertThat(put.header("x-amz-content-sha256"))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    assertThat(put.header("x-amz-security-token")).isEqualTo("session-token");
    assertThat(put.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
        .contains("/us-east-1/s3/aws4_request").contains("content-type").contains("x-amz-content-sha256")
        .contains("x-amz-security-token");
    assertThat(put.headers().keySet()).noneMatch(h -> h.startsWith("x-amz-server-side-encryption"));
    assertThat(put.body()).isEqualTo(bytes);
  }

  @Test
  void read_anyKey_asksForTheFirstMaxPlusOneBytesOnly() {
    S3WorkObjects store = againstStandIn(() -> SigningCredentials.of("AKIDEXAMPLE", "secret"));
    replies.add(new Reply(206, "abc"));

    assertThat(store.read(BUCKET, "work/sub-5/parsed.json", null, 2))
        .hasValue("abc".getBytes(StandardCharsets.UTF_8));
    assertThat(received.get(0).header("range")).isEqualTo("bytes=0-2");
  }

  @Test
  void read_serverIgnoringTheRange_keepsOnlyMaxPlusOneBytes() {
    S3WorkObjects store = againstStandIn(() -> SigningCredentials.of("AKIDEXAMPLE", "secret"));
    replies.add(new Reply(200, "x".repeat(100_000)));

    assertThat(store.read(BUCKET, "work/sub-6/parsed.json", null, 10))
        .hasValueSatisfying(b -> assertThat(b).hasSize(11));
  }

  @Test
  void read_slowDownThenAnswer_isRetriedAndSucceeds() {
    S3WorkObjects store = againstStandIn(() -> SigningCredentials.of("AKIDEXAMPLE", "secret"));
    replies.add(new Reply(503, error("SlowDown")));
    replies.add(new Reply(500, error("InternalError")));
    replies.add(new Reply(206, "{}"));

    assertThat(store.read(BUCKET, "work/sub-7/parsed.json", null, 100))
        .hasValue("{}".getBytes(StandardCharsets.UTF_8));
    assertThat(received).hasSize(3);
    // every attempt signed afresh, not the first signature sent again
    assertThat(received.stream().map(r -> r.header("x-amz-date"))).doesNotContainNull();
  }

  @Test
  void write_serverFailingEveryAttempt_isStoreUnavailableAfterThreeAttempts() {
    S3WorkObjects store = againstStandIn(() -> SigningCredentials.of("AKIDEXAMPLE", "secret"));
    for (int i = 0; i < 5; i++) {
      replies.add(new Reply(503, error("SlowDown")));
    }

    assertThatThrownBy(() -> store.write(BUCKET, "work/sub-8/r.json", new byte[3], "application/json"))
        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("SlowDown");
    assertThat(received).hasSize(S3WorkObjects.MAX_ATTEMPTS);
  }

  @Test
  void read_accessDenied_isS3RequestExceptionAfterOneAttempt() {
    S3WorkObjects store = againstStandIn(() -> SigningCredentials.of("AKIDEXAMPLE", "secret"));
    replies.add(new Reply(403, error("AccessDenied")));

    assertThatThrownBy(() -> store.read(BUCKET, "work/sub-9/parsed.json", null, 100))
        .isInstanceOfSatisfying(S3RequestException.class, e -> assertThat(e.errorCode()).isEqualTo("AccessDenied"));
    assertThat(received).hasSize(1);
  }

  @Test
  void read_serverUnreachable_isStoreUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    S3WorkObjects down = new S3WorkObjects(connection(URI.create("http://127.0.0.1:" + closedPort),
        Duration.ofSeconds(2), () -> SigningCredentials.of("AKIDEXAMPLE", "secret")));

    assertThatThrownBy(() -> down.read(BUCKET, "k", null, 10)).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> down.write(BUCKET, "k", new byte[1], XLSX)).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void read_serverThatNeverAnswers_failsAsRetryableWithinTheCallBudget() throws Exception {
    // given: a server that accepts connections and never sends a byte
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> held = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (IOException closed) {
          held.forEach(s -> {
            try {
              s.close();
            } catch (IOException e) {
              assertThat(e).isNotNull();
            }
          });
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Duration budget = Duration.ofMillis(1500);
      S3WorkObjects store = new S3WorkObjects(connection(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
          budget, () -> SigningCredentials.of("AKIDEXAMPLE", "secret")));

      // when / then: the attempt's bound ends it (the JDK's client alone would wait for ever)
      assertThatThrownBy(() -> store.read(BUCKET, "incoming/p1/a.xlsx", null, 100))
          .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("no answer within");
    }
  }

  @Test
  void address_onAws_isTheBucketsVirtualHostOverHttps() {
    S3WorkObjects aws = new S3WorkObjects(new S3Connection("eu-west-1", null, Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofSeconds(2), () -> SigningCredentials.of("a", "b")));
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.GET);

    aws.address("intake-bucket-1", "work/sub 1/parsed.json", request);

    assertThat(request.build().getUri())
        .hasToString("https://intake-bucket-1.s3.eu-west-1.amazonaws.com/work/sub%201/parsed.json");
  }

  @Test
  void address_bucketWithDots_isPathStyleOnTheRegionalHost() {
    S3WorkObjects aws = new S3WorkObjects(new S3Connection("us-east-2", null, Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofSeconds(2), () -> SigningCredentials.of("a", "b")));
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.GET);

    aws.address("my.bucket", "k.json", request);

    assertThat(request.build().getUri()).hasToString("https://s3.us-east-2.amazonaws.com/my.bucket/k.json");
  }

  // ---------------------------------------------------------------- keys and bodies, as a hostile user would try them

  /** Work keys the pipeline forms (submission ids, group names) and keys partners' file names may give. */
  static List<String> keys() {
    String id = SubmissionIds.submissionId("intake", "incoming/p1/My Workbook (final).xlsx",
        "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY");
    List<String> keys = new java.util.ArrayList<>(List.of(
        WorkflowInput.parsedKey(id),
        CheckService.resultKey(id, RuleGroup.PUBLIC_URLS),
        "incoming/partner-1/My Workbook (final) v2.xlsx",
        "incoming/p1/a+b=c&d~e%20f%2Bg%.xlsx",
        "incoming/p1/\u00dcbersicht \u00f1 \u65e5\u672c\u8a9e \ud83d\ude00.xlsx",
        "incoming/p1/semi;colon,comma!'()*$@:[]{}^`|\"<>#.xlsx",
        "incoming/p1/  leading and trailing spaces  .xlsx"));
    // 1,024 bytes in all (S3's limit), the test's prefix "tN/" included: segments short enough for a file system.
    StringBuilder longKey = new StringBuilder("incoming/p1/");
    while (longKey.toString().getBytes(StandardCharsets.UTF_8).length < 1_024 - 4 - 200) {
      longKey.append("\u00e9".repeat(60)).append("-x/");
    }
    keys.add(longKey.toString());
    return keys;
  }

  @ParameterizedTest
  @MethodSource("keys")
  void write_anyKey_roundTripsAndTheSdkAdapterReadsAndWritesTheSameObject(String name) {
    String key = key(name);
    if (key.getBytes(StandardCharsets.UTF_8).length > 800) {
      // pad to exactly 1,024 UTF-8 bytes
      key = key + "y".repeat(1_024 - key.getBytes(StandardCharsets.UTF_8).length);
      assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSize(1_024);
    }
    S3ObjectStore sdk = new S3ObjectStore(clients.s3(), clients.s3Presigner());
    byte[] ours = randomBytes(1_000, key.hashCode());
    byte[] theirs = randomBytes(700, key.hashCode() + 1L);

    objects.write(BUCKET, key, ours, "application/json");
    assertThat(objects.read(BUCKET, key, null, 10_000)).hasValue(ours);
    assertThat(sdk.read(BUCKET, key, null, 10_000)).hasValue(ours);

    sdk.write(BUCKET, key, theirs, "application/json");
    assertThat(objects.read(BUCKET, key, null, 10_000)).hasValue(theirs);
  }

  @Test
  void write_resultOfSeveralMegabytes_isReadBackWhole() {
    byte[] bytes = randomBytes(6 * 1024 * 1024 + 3, 31);

    objects.write(BUCKET, key("work/sub-big/public-urls.json"), bytes, "application/json");

    assertThat(objects.read(BUCKET, key("work/sub-big/public-urls.json"), null, WorkflowInput.MAX_WORK_OBJECT_BYTES))
        .hasValue(bytes);
  }

  @Test
  void read_objectOneByteOverMax_returnsMaxPlusOneBytes() {
    byte[] bytes = randomBytes(101, 32);
    objects.write(BUCKET, key("work/sub-x/parsed.json"), bytes, "application/json");

    assertThat(objects.read(BUCKET, key("work/sub-x/parsed.json"), null, 100)).hasValue(bytes);
    assertThat(objects.read(BUCKET, key("work/sub-x/parsed.json"), null, 0)).hasValue(new byte[] {bytes[0]});
  }

  @Test
  void read_serverSendingMoreThanTheRangeIn206_keepsOnlyMaxPlusOneBytes() {
    S3WorkObjects store = againstStandIn(() -> SigningCredentials.of("AKIDEXAMPLE", "secret"));
    replies.add(new Reply(206, "y".repeat(3 * 1024 * 1024)));

    assertThat(store.read(BUCKET, "work/sub-6/parsed.json", null, 5))
        .hasValueSatisfying(b -> assertThat(b).hasSize(6));
  }

  @Test
  void read_chunkedAnswer_isReadWhole() {
    S3WorkObjects store = againstStandIn(() -> SigningCredentials.of("AKIDEXAMPLE", "secret"));
    replies.add(new Reply(206, "z".repeat(50_000), true));

    assertThat(store.read(BUCKET, "work/sub-c/parsed.json", null, 100_000))
        .hasValueSatisfying(b -> assertThat(b).hasSize(50_000));
  }

  @Test
  void read_okWithNoBody_isTheEmptyObject() {
    S3WorkObjects store = againstStandIn(() -> SigningCredentials.of("AKIDEXAMPLE", "secret"));
    replies.add(new Reply(200, ""));

    assertThat(store.read(BUCKET, "work/sub-e/parsed.json", null, 100)).hasValue(new byte[0]);
  }

  @Test
  void read_answerCutShortOfItsLength_isRetriedThenStoreUnavailableNotAShortObject() throws Exception {
    for (String cut : List.of(
        "HTTP/1.1 206 Partial Content\r\nContent-Length: 100\r\n\r\n" + "a".repeat(50),
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n32\r\n" + "b".repeat(50) + "\r\n")) {
      try (RawServer raw = new RawServer(cut)) {
        S3WorkObjects store = new S3WorkObjects(connection(raw.endpoint(), Duration.ofSeconds(10),
            () -> SigningCredentials.of("AKIDEXAMPLE", "secret")));

        assertThatThrownBy(() -> store.read(BUCKET, "work/sub-t/parsed.json", null, 1_000)).as(cut)
            .isInstanceOf(StoreUnavailableException.class);
        assertThat(raw.requests()).as(cut).isEqualTo(S3WorkObjects.MAX_ATTEMPTS);
      }
    }
  }

  @Test
  void read_requestTimeTooSkewed_isSignedAgainOnS3sClockAndSucceeds() throws Exception {
    Instant s3Now = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    String skewed = "<Error><Code>RequestTimeTooSkewed</Code><Message>m</Message></Error>";
    try (RawServer raw = new RawServer(
        "HTTP/1.1 403 Forbidden\r\nDate: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(s3Now.atOffset(ZoneOffset.UTC))
            + "\r\nContent-Length: " + skewed.length() + "\r\n\r\n" + skewed,
        "HTTP/1.1 206 Partial Content\r\nContent-Length: 2\r\n\r\n{}")) {
      S3WorkObjects store = new S3WorkObjects(connection(raw.endpoint(), Duration.ofSeconds(10),
          () -> SigningCredentials.of("AKIDEXAMPLE", "secret")));

      assertThat(store.read(BUCKET, "work/sub-s/parsed.json", null, 100))
          .hasValue("{}".getBytes(StandardCharsets.UTF_8));

      assertThat(raw.requests()).isEqualTo(2);
      Instant signedAt = ZonedDateTime.parse(raw.lastHeader("x-amz-date"),
          DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")).toInstant();
      assertThat(Duration.between(s3Now, signedAt).abs()).isLessThan(Duration.ofMinutes(2));
    }
  }

  @Test
  void read_requestTimeTooSkewedFromAServerOnThisClock_isARefusalAfterOneAttempt() {
    S3WorkObjects store = againstStandIn(() -> SigningCredentials.of("AKIDEXAMPLE", "secret"));
    replies.add(new Reply(403, error("RequestTimeTooSkewed")));

    // the stand-in's Date is its own (this machine's) clock: no skew to adjust to
    assertThatThrownBy(() -> store.read(BUCKET, "work/sub-s/parsed.json", null, 100))
        .isInstanceOfSatisfying(S3RequestException.class,
            e -> assertThat(e.errorCode()).isEqualTo("RequestTimeTooSkewed"));
    assertThat(received).hasSize(1);
  }

  @Test
  void read_redirectToAnotherHost_isNotFollowedSoTheSignatureGoesNowhereElse() throws IOException {
    HttpServer elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<String> reachedElsewhere = new CopyOnWriteArrayList<>();
    elsewhere.createContext("/", e -> {
      reachedElsewhere.add(e.getRequestHeaders().getFirst("Authorization"));
      e.sendResponseHeaders(200, -1);
      e.close();
    });
    elsewhere.start();
    try {
      S3WorkObjects store = againstStandIn(() -> SigningCredentials.of("AKIDEXAMPLE", "secret"));
      String location = "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/intake/k";
      for (int status : new int[] {301, 307}) {
        received.clear();
        replies.add(new Reply(status, error(status == 301 ? "PermanentRedirect" : "TemporaryRedirect"), false,
            Map.of("Location", location)));

        assertThatThrownBy(() -> store.read(BUCKET, "work/sub-r/parsed.json", null, 100))
            .isInstanceOfSatisfying(S3RequestException.class, e -> assertThat(e.statusCode()).isEqualTo(status));
        assertThat(received).hasSize(1);
      }
      replies.add(new Reply(307, "", false, Map.of("Location", location)));
      assertThatThrownBy(() -> store.write(BUCKET, "work/sub-r/r.json", new byte[5], "application/json"))
          .isInstanceOf(S3RequestException.class);
      assertThat(reachedElsewhere).isEmpty();
    } finally {
      elsewhere.stop(0);
    }
  }

  @Test
  void read_errorWithOddContent_reportsNoInjectedTextAndStillJudgesTheStatus() {
    S3WorkObjects store = againstStandIn(() -> SigningCredentials.of("AKIDEXAMPLE", "secret"));
    replies.add(new Reply(403, "<Error><Code>Access\nDenied\r\n{\"forged\":\"log line\"}</Code></Error>"));
    replies.add(new Reply(403, "<html><body><h1>403 Forbidden</h1></body></html>"));
    replies.add(new Reply(400, "<Error><Code>" + "A".repeat(100) + "</Code></Error>"));

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> store.read(BUCKET, "work/sub-o/parsed.json", null, 100))
          .isInstanceOfSatisfying(S3RequestException.class, e -> assertThat(e.errorCode()).isNull())
          .hasMessageNotContaining("\n").hasMessageNotContaining("forged").hasMessageNotContaining("AAAA");
    }
    assertThat(received).hasSize(3);
  }

  @Test
  void read_errorCodeAfterAHugeBody_isStillAnErrorWithinTheCap() {
    S3WorkObjects store = againstStandIn(() -> SigningCredentials.of("AKIDEXAMPLE", "secret"));
    replies.add(new Reply(404,
        "<Error><Message>" + "m".repeat(2 * 1024 * 1024) + "</Message><Code>NoSuchBucket</Code></Error>"));

    // the code lies past the 16 KB read of an error: no code, so a 404 is a missing key as S3 sends it
    assertThat(store.read(BUCKET, "work/sub-h/parsed.json", null, 100)).isEmpty();
  }

  // ---------------------------------------------------------------- the stand-in server

  private S3WorkObjects againstStandIn(Supplier<SigningCredentials> keys) {
    try {
      standIn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    standIn.createContext("/", this::answer);
    standIn.start();
    URI endpoint = URI.create("http://127.0.0.1:" + standIn.getAddress().getPort());
    return new S3WorkObjects(connection(endpoint, Duration.ofSeconds(10), keys));
  }

  private static S3Connection connection(URI endpoint, Duration budget, Supplier<SigningCredentials> keys) {
    return new S3Connection("us-east-1", endpoint, Duration.ofSeconds(1),
        CallBounds.attemptTimeout(budget, CallBounds.S3_ATTEMPT), CallBounds.callTimeout(budget, CallBounds.S3_CALL),
        keys);
  }

  private void answer(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new java.util.TreeMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
    received.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
        exchange.getRequestBody().readAllBytes()));
    Reply reply;
    synchronized (replies) {
      reply = replies.isEmpty() ? new Reply(500, error("InternalError")) : replies.poll();
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(reply.status(), reply.chunked() ? 0 : body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try {
        exchange.getResponseBody().write(body);
      } catch (IOException clientStoppedReading) {
        // The adapter stops reading past its limit; the stand-in has nothing more to do.
        assertThat(clientStoppedReading).isNotNull();
      }
    }
    exchange.close();
  }

  private static String error(String code) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>m</Message></Error>";
  }

  private record Reply(int status, String body, boolean chunked, Map<String, String> headers) {
    Reply(int status, String body) {
      this(status, body, false, Map.of());
    }

    Reply(int status, String body, boolean chunked) {
      this(status, body, chunked, Map.of());
    }
  }

  /**
   * A server that answers the requests with the given raw bytes in turn (the last one again and again)
   * and closes each connection after its answer.
   */
  private static final class RawServer implements AutoCloseable {
    private final ServerSocket socket;
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    private volatile String lastRequest = "";

    RawServer(String... answers) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t = new Thread(() -> {
        while (!socket.isClosed()) {
          try (java.net.Socket s = socket.accept()) {
            java.io.InputStream in = s.getInputStream();
            int matched = 0;
            int b;
            StringBuilder head = new StringBuilder();
            while (matched < 4 && (b = in.read()) != -1) {
              head.append((char) b);
              matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            lastRequest = head.toString();
            int n = requests.incrementAndGet();
            String answer = answers[Math.min(n, answers.length) - 1];
            s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
          } catch (IOException closed) {
            assertThat(closed).isNotNull();
          }
        }
      });
      t.setDaemon(true);
      t.start();
    }

    URI endpoint() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    int requests() {
      return requests.get();
    }

    String lastHeader(String name) {
      return lastRequest.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith(name + ":"))
          .map(l -> l.substring(name.length() + 1).strip()).findFirst().orElse(null);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private record Recorded(String method, String path, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name);
    }
  }
}
