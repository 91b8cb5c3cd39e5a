package dev.intake.aws;

import dev.intake.pipeline.StoreUnavailableException;
import dev.intake.pipeline.WorkObjects;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The check functions' S3 adapter: GetObject and PutObject sent with the JDK's HTTP client and
 * signed with the SDK's own SigV4 signer ({@code http-auth-aws}), so the checks' artifact carries
 * neither the S3 client nor the SDK's core. It sends what {@link S3ObjectStore} sends for the same
 * operation — a range GET of the first {@code maxBytes + 1} bytes, a PUT with the content type, no
 * encryption headers (the bucket encrypts by default) — and answers the same way: a missing key or
 * version is empty, throttling, 5xx answers and network faults are retried a bounded number of
 * times within the call's bound and then {@link StoreUnavailableException}s, and any other refusal
 * is an {@link S3RequestException}.
 *
 * <p>The payload is signed ({@code x-amz-content-sha256} holds its SHA-256), so S3 refuses a PUT
 * whose bytes changed on the way. On AWS requests go to the bucket's virtual-hosted HTTPS address;
 * against a local endpoint (S3Proxy) path-style.
 */
public final class S3WorkObjects implements WorkObjects {

  /** Attempts of one call at most, the first included (the SDK's standard retry mode makes three). */
  static final int MAX_ATTEMPTS = 3;
  private static final Duration BASE_BACKOFF = Duration.ofMillis(100);
  private static final int MAX_ERROR_BYTES = 16 * 1024;
  /** S3's error codes of a request it may accept when sent again. */
  private static final Set<String> RETRYABLE_CODES = Set.of("SlowDown", "Throttling", "ThrottlingException",
      "RequestTimeout", "InternalError", "ServiceUnavailable");
  /** S3's codes for a signature whose time is too far from S3's own (the SDK's clock skew codes S3 uses). */
  private static final Set<String> CLOCK_SKEW_CODES = Set.of("RequestTimeTooSkewed", "RequestExpired",
      "RequestInTheFuture");
  /** S3 accepts a signature up to 15 minutes off; past this much the SDK signs on S3's time, as here. */
  static final Duration MAX_UNNOTICED_SKEW = Duration.ofMinutes(4);
  /** Set by the JDK's client itself, which refuses them as request headers; they are signed all the same. */
  private static final Set<String> SET_BY_THE_CLIENT = Set.of("host", "content-length");
  /**
   * S3's error codes are short words ({@code NoSuchKey}, {@code SlowDown}); anything else between the
   * tags (line breaks, markup, a proxy's page) is no code, so it never reaches a message or a log.
   */
  private static final Pattern ERROR_CODE = Pattern.compile("<Code>\\s*([A-Za-z0-9.]{1,64})\\s*</Code>");

  /** The placeholder keys priming signs with: no account's, and never sent. */
  static final SigningCredentials PRIMING_KEYS = new SigningCredentials("AKIDPRIMINGPLACEHOLDER",
      "priming-placeholder-secret-not-a-key", "priming-placeholder-session-token", null);
  private static final String PRIMING_BUCKET = "priming-placeholder-bucket";

  private final S3Connection connection;
  private final HttpClient http;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  /** How far S3's clock is from this one, once S3 said a signature's time was too far off (as the SDK adjusts). */
  private volatile Duration clockSkew = Duration.ZERO;

  public S3WorkObjects(S3Connection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connection.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Asks only for the first {@code maxBytes + 1} bytes (a range request) and reads no more than
   * that even from a server that ignores the range, so a huge object costs no more than a small one.
   */
  @Override
  public Optional<byte[]> read(String bucket, String key, String versionId, long maxBytes) {
    if (maxBytes < 0 || maxBytes >= Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBytes must be between 0 and " + (Integer.MAX_VALUE - 9));
    }
    String operation = "read s3://" + bucket + "/" + key;
    Map<String, String> query = versionId == null ? Map.of() : Map.of("versionId", versionId);
    Answer answer = call(operation, SdkHttpMethod.GET, bucket, key, query,
        Map.of("Range", "bytes=0-" + maxBytes), null, (int) maxBytes + 1);
    if (answer.status() == 200 || answer.status() == 206) {
      return Optional.of(answer.body());
    }
    if (answer.status() == 416) {
      // A range cannot be satisfied only by an object that exists and is empty.
      return Optional.of(new byte[0]);
    }
    if (missing(answer, versionId)) {
      return Optional.empty();
    }
    throw new S3RequestException(operation, answer.status(), answer.errorCode());
  }

  @Override
  public void write(String bucket, String key, byte[] bytes, String contentType) {
    String operation = "write s3://" + bucket + "/" + key;
    Answer answer = call(operation, SdkHttpMethod.PUT, bucket, key, Map.of(),
        Map.of("Content-Type", contentType), bytes, 0);
    if (answer.status() != 200) {
      throw new S3RequestException(operation, answer.status(), answer.errorCode());
    }
  }

  /**
   * No such key or version, as {@link S3ObjectStore} judges it: a 404 other than NoSuchBucket, or a
   * version id S3 refuses as malformed.
   */
  private static boolean missing(Answer answer, String versionId) {
    if (answer.status() == 404) {
      return !"NoSuchBucket".equals(answer.errorCode());
    }
    return versionId != null && answer.status() == 400 && "InvalidArgument".equals(answer.errorCode());
  }

  /** One call: signed and sent again (signed afresh) while S3 answers with something a retry may mend. */
  private Answer call(String operation, SdkHttpMethod method, String bucket, String key, Map<String, String> query,
      Map<String, String> headers, byte[] payload, int maxBodyBytes) {
    long deadline = System.nanoTime() + connection.callTimeout().toNanos();
    String lastFailure = "no attempt fit in " + connection.callTimeout().toMillis() + " ms";
    Throwable lastCause = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      Duration attemptTimeout = Duration.ofNanos(Math.min(remaining, connection.attemptTimeout().toNanos()));
      HttpRequest request = signed(method, bucket, key, query, headers, payload, attemptTimeout);
      CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request,
          info -> CappedBody.of(info.statusCode() / 100 == 2 ? maxBodyBytes : MAX_ERROR_BYTES));
      try {
        HttpResponse<byte[]> response = sent.get(attemptTimeout.toNanos(), TimeUnit.NANOSECONDS);
        Answer answer = new Answer(response.statusCode(), response.body());
        if (answer.skewed() && adjustedToServerClock(response)) {
          lastFailure = "S3 answered " + answer.status() + " " + answer.errorCode();
          lastCause = null;
          continue;
        }
        if (!answer.retryable()) {
          return answer;
        }
        lastFailure = "S3 answered " + answer.status() + (answer.errorCode() == null ? "" : " " + answer.errorCode());
        lastCause = null;
      } catch (TimeoutException e) {
        sent.cancel(true);
        lastFailure = "no answer within " + attemptTimeout.toMillis() + " ms";
        lastCause = e;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof IOException)) {
          throw new IllegalStateException(operation + " failed: " + e.getCause(), e.getCause());
        }
        // The request's own timeout and the wait above are the same bound: whichever fires, one message.
        lastFailure = e.getCause() instanceof HttpTimeoutException
            ? "no answer within " + attemptTimeout.toMillis() + " ms"
            : String.valueOf(e.getCause());
        lastCause = e.getCause();
      } catch (InterruptedException e) {
        sent.cancel(true);
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException(operation + " was interrupted", e);
      }
      if (attempt < MAX_ATTEMPTS) {
        pause(backoff(attempt), deadline);
      }
    }
    throw new StoreUnavailableException(operation + " failed: " + lastFailure, lastCause);
  }

  /**
   * SnapStart priming: a read's and a write's requests built and signed as {@link #read} and
   * {@link #write} build them, with fixed placeholder keys ({@link #PRIMING_KEYS}), and sent nowhere,
   * and an error answer read as S3's are. The signer's classes and the JDK client's request classes
   * are then loaded in the snapshot rather than on the first call after a restore. No client is built
   * (so no connection can be opened), and no credentials are asked for or kept: the function's own
   * provider is not reached from here.
   *
   * @return the requests as they would be sent
   */
  static List<HttpRequest> prime() {
    S3Connection placeholder = new S3Connection(S3Connection.DEFAULT_REGION, null, CallBounds.CONNECT_TIMEOUT,
        CallBounds.S3_ATTEMPT, CallBounds.S3_CALL, () -> PRIMING_KEYS);
    AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    String key = "work/sub-primingprimingprimingpri/parsed.json";
    HttpRequest read = signed(signer, placeholder, PRIMING_KEYS, Clock.systemUTC(), SdkHttpMethod.GET,
        PRIMING_BUCKET, key, Map.of("versionId", "priming"), Map.of("Range", "bytes=0-1"), null, CallBounds.S3_ATTEMPT);
    HttpRequest write = signed(signer, placeholder, PRIMING_KEYS, Clock.systemUTC(), SdkHttpMethod.PUT,
        PRIMING_BUCKET, key, Map.of(),
        Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8), CallBounds.S3_ATTEMPT);
    CappedBody body = CappedBody.of(MAX_ERROR_BYTES);
    body.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {
        // the bytes are handed over below
      }

      @Override
      public void cancel() {
        // nothing to stop
      }
    });
    body.onNext(List.of(ByteBuffer.wrap("<Error><Code>SlowDown</Code></Error>".getBytes(StandardCharsets.UTF_8))));
    body.onComplete();
    if (!new Answer(503, body.getBody().toCompletableFuture().join()).retryable()) {
      throw new IllegalStateException("priming: S3's SlowDown was not judged retryable");
    }
    return List.of(read, write);
  }

  /**
   * After S3 refused a signature's time: whether its answer's {@code Date} puts its clock more than
   * {@link #MAX_UNNOTICED_SKEW} from this one, in which case later requests are signed on S3's time
   * (the SDK's clock skew adjustment). A refusal without a usable date stays a refusal.
   */
  private boolean adjustedToServerClock(HttpResponse<?> response) {
    Optional<Instant> serverTime = response.headers().firstValue("Date").flatMap(S3WorkObjects::httpDate);
    if (serverTime.isEmpty()) {
      return false;
    }
    Duration skew = Duration.between(Instant.now(), serverTime.get());
    if (skew.abs().compareTo(MAX_UNNOTICED_SKEW) <= 0) {
      return false;
    }
    clockSkew = skew;
    return true;
  }

  private static Optional<Instant> httpDate(String value) {
    try {
      return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The request as sent: its URL, its headers and the SigV4 signature over them and the payload. */
  private HttpRequest signed(SdkHttpMethod method, String bucket, String key, Map<String, String> query,
      Map<String, String> headers, byte[] payload, Duration timeout) {
    Duration skew = clockSkew;
    Clock clock = skew.isZero() ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), skew);
    return signed(signer, connection, connection.credentials().get(), clock, method, bucket, key, query, headers,
        payload, timeout);
  }

  private static HttpRequest signed(AwsV4HttpSigner signer, S3Connection connection, SigningCredentials keys,
      Clock clock, SdkHttpMethod method, String bucket, String key, Map<String, String> query,
      Map<String, String> headers, byte[] payload, Duration timeout) {
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(method);
    address(connection, bucket, key, unsigned);
    query.forEach(unsigned::putRawQueryParameter);
    headers.forEach(unsigned::putHeader);
    AwsCredentialsIdentity identity = keys.sessionToken() == null
        ? AwsCredentialsIdentity.create(keys.accessKeyId(), keys.secretAccessKey())
        : AwsSessionCredentialsIdentity.create(keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken());
    SdkHttpRequest signedRequest = signer.sign(r -> r
        .identity(identity)
        .request(unsigned.build())
        .payload(payload == null ? null : ContentStreamProvider.fromByteArrayUnsafe(payload))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
        .putProperty(AwsV4HttpSigner.REGION_NAME, connection.region())
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)
        // S3's own rules: the key's path is signed as sent, encoded once and not normalised.
        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true))
        .request();
    HttpRequest.Builder out = HttpRequest.newBuilder(signedRequest.getUri()).timeout(timeout);
    signedRequest.forEachHeader((name, values) -> {
      if (!SET_BY_THE_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> out.header(name, v));
      }
    });
    return out.method(method.name(), payload == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(payload)).build();
  }

  /**
   * Where the object is: {@code https://<bucket>.s3.<region>.amazonaws.com/<key>} on AWS (path-style
   * under the regional endpoint for a bucket name with dots, which no wildcard certificate covers),
   * {@code <endpoint>/<bucket>/<key>} locally.
   */
  void address(String bucket, String key, SdkHttpRequest.Builder request) {
    address(connection, bucket, key, request);
  }

  private static void address(S3Connection connection, String bucket, String key, SdkHttpRequest.Builder request) {
    String encodedKey = "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
    if (connection.isLocal()) {
      URI endpoint = connection.endpoint();
      String base = endpoint.getRawPath() == null || endpoint.getRawPath().equals("/") ? "" : endpoint.getRawPath();
      request.protocol(endpoint.getScheme()).host(endpoint.getHost());
      if (endpoint.getPort() != -1) {
        request.port(endpoint.getPort());
      }
      request.encodedPath(base + "/" + SdkHttpUtils.urlEncode(bucket) + encodedKey);
      return;
    }
    String domain = connection.region().startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    String regional = "s3." + connection.region() + "." + domain;
    request.protocol("https");
    if (bucket.contains(".")) {
      request.host(regional).encodedPath("/" + SdkHttpUtils.urlEncode(bucket) + encodedKey);
    } else {
      request.host(bucket + "." + regional).encodedPath(encodedKey);
    }
  }

  /** Full jitter over an exponential base, as the SDK's standard retry mode backs off. */
  private static Duration backoff(int attempt) {
    long ceiling = BASE_BACKOFF.toMillis() << (attempt - 1);
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  private static void pause(Duration wait, long deadline) {
    long millis = Math.min(wait.toMillis(), TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime())));
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("Interrupted while waiting to retry", e);
    }
  }

  /** S3's answer to one attempt: the status, the body (capped) and, for an error, S3's error code. */
  private record Answer(int status, byte[] body) {

    String errorCode() {
      if (status / 100 == 2 || body.length == 0) {
        return null;
      }
      Matcher m = ERROR_CODE.matcher(new String(body, StandardCharsets.UTF_8));
      return m.find() ? m.group(1) : null;
    }

    /** S3 refused the signature's time as too far from its own. */
    boolean skewed() {
      String code = errorCode();
      return status == 403 && code != null && CLOCK_SKEW_CODES.contains(code);
    }

    /** Throttled, or failed on S3's side: worth another attempt. */
    boolean retryable() {
      String code = errorCode();
      return status >= 500 || status == 429 || code != null && RETRYABLE_CODES.contains(code);
    }
  }
}
