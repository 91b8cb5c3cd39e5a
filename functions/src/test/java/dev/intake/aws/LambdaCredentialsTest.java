package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.intake.pipeline.StoreUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The function role's credentials as Lambda serves them: against a local HTTP server standing in for
 * the container credentials endpoint SnapStart functions get, and from the key variables otherwise.
 */
class LambdaCredentialsTest {

  private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
  private static final String TOKEN = "container-token-not-a-secret";

  private HttpServer endpoint;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger served = new AtomicInteger();
  private volatile int status = 200;
  private volatile Instant expiration = NOW.plus(Duration.ofHours(1));
  private volatile String answer;
  private volatile String tokenField = "session-";
  private volatile boolean stallAfterHeaders;
  private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    endpoint.createContext("/2021-04-23/credentials", this::serve);
    endpoint.start();
  }

  @AfterEach
  void stop() {
    released.countDown();
    endpoint.stop(0);
  }

  @Test
  void get_containerEndpoint_fetchesWithTheAuthorizationToken() {
    LambdaCredentials credentials = new LambdaCredentials(container(), Clock.fixed(NOW, ZoneOffset.UTC));

    SigningCredentials keys = credentials.get();

    assertThat(keys.accessKeyId()).isEqualTo("ASIA" + 1);
    assertThat(keys.secretAccessKey()).isEqualTo("secret-1");
    assertThat(keys.sessionToken()).isEqualTo("session-1");
    assertThat(keys.expiration()).isEqualTo(expiration);
    assertThat(authorizations).containsExactly(TOKEN);
  }

  @Test
  void get_containerEndpoint_tokenFromFile_isPreferredToTheVariable(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("token");
    Files.writeString(file, "token-from-file\n");
    Map<String, String> env = new HashMap<>(container());
    env.put(LambdaCredentials.AUTHORIZATION_TOKEN_FILE, file.toString());

    new LambdaCredentials(env, Clock.fixed(NOW, ZoneOffset.UTC)).get();

    assertThat(authorizations).containsExactly("token-from-file");
  }

  @Test
  void get_beforeTheRefreshWindow_answersFromTheCache() {
    MutableClock clock = new MutableClock(NOW);
    LambdaCredentials credentials = new LambdaCredentials(container(), clock);
    credentials.get();
    clock.now = expiration.minus(LambdaCredentials.REFRESH_BEFORE_EXPIRY).minusSeconds(1);

    SigningCredentials again = credentials.get();

    assertThat(again.accessKeyId()).isEqualTo("ASIA1");
    assertThat(served).hasValue(1);
  }

  @Test
  void get_withinMinutesOfExpiry_fetchesNewCredentials() {
    MutableClock clock = new MutableClock(NOW);
    LambdaCredentials credentials = new LambdaCredentials(container(), clock);
    credentials.get();
    clock.now = expiration.minus(LambdaCredentials.REFRESH_BEFORE_EXPIRY);

    SigningCredentials renewed = credentials.get();

    assertThat(renewed.accessKeyId()).isEqualTo("ASIA2");
    assertThat(served).hasValue(2);
  }

  @Test
  void get_afterSnapshotRestore_fetchesAgainThoughTheCachedOnesHaveNotExpired() {
    LambdaCredentials credentials = new LambdaCredentials(container(), Clock.fixed(NOW, ZoneOffset.UTC));
    credentials.get();

    credentials.beforeCheckpoint(null);
    credentials.afterRestore(null);
    SigningCredentials restored = credentials.get();

    assertThat(restored.accessKeyId()).isEqualTo("ASIA2");
    assertThat(served).hasValue(2);
  }

  @Test
  void get_endpointFailingOnItsSide_isRetryableStoreUnavailable() {
    status = 503;

    assertThatThrownBy(() -> new LambdaCredentials(container(), Clock.fixed(NOW, ZoneOffset.UTC)).get())
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void get_endpointRefusingTheToken_isAnErrorWithoutTheAnswersBody() {
    status = 403;

    assertThatThrownBy(() -> new LambdaCredentials(container(), Clock.fixed(NOW, ZoneOffset.UTC)).get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("403")
        .hasMessageNotContaining("secret-");
  }

  @Test
  void get_noEndpoint_takesTheKeyVariables() {
    Map<String, String> env = Map.of(LambdaCredentials.ACCESS_KEY_ID, "AKIDENV",
        LambdaCredentials.SECRET_ACCESS_KEY, "secret-env", LambdaCredentials.SESSION_TOKEN, "session-env");

    SigningCredentials keys = new LambdaCredentials(env, Clock.fixed(NOW, ZoneOffset.UTC)).get();

    assertThat(keys).isEqualTo(new SigningCredentials("AKIDENV", "secret-env", "session-env", null));
    assertThat(served).hasValue(0);
  }

  @Test
  void get_noCredentialsAtAll_isAnError() {
    assertThatThrownBy(() -> new LambdaCredentials(Map.of(), Clock.systemUTC()).get())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(LambdaCredentials.FULL_URI);
  }

  @Test
  void endpoint_plainHttpToAnotherHost_isRefusedSoTheTokenGoesNowhereElse() {
    for (String uri : List.of("http://example.com/creds", "http://10.0.0.8/creds", "ftp://127.0.0.1/creds")) {
      assertThatThrownBy(() -> LambdaCredentials.endpoint(uri)).as(uri).isInstanceOf(IllegalStateException.class);
    }
    assertThat(LambdaCredentials.endpoint("http://127.0.0.1:9001/2021-04-23/credentials")).isNotNull();
    assertThat(LambdaCredentials.endpoint("http://169.254.170.2/v2/credentials")).isNotNull();
    assertThat(LambdaCredentials.endpoint("https://creds.example.com/v1")).isNotNull();
  }

  @Test
  void toString_credentials_namesNeitherSecretNorToken() {
    String text = new SigningCredentials("AKID", "the-secret", "the-token", NOW).toString();

    assertThat(text).contains("AKID").doesNotContain("the-secret").doesNotContain("the-token");
  }

  @Test
  void get_endpointSendingHeadersThenStalling_isStoreUnavailableWithinTheFetchBound() {
    stallAfterHeaders = true;
    LambdaCredentials credentials = new LambdaCredentials(container(), Clock.fixed(NOW, ZoneOffset.UTC));

    // the guard only keeps a regression from hanging the build; the bound under test is FETCH_TIMEOUT
    assertTimeoutPreemptively(LambdaCredentials.FETCH_TIMEOUT.multipliedBy(5), () ->
        assertThatThrownBy(credentials::get).isInstanceOf(StoreUnavailableException.class));
  }

  @Test
  void get_garbageAnswers_areErrorsNamingNoPartOfTheAnswer() {
    for (String garbage : List.of("not json secret-garbage", "[\"secret-garbage\"]",
        "{\"AccessKeyId\":\"\",\"SecretAccessKey\":\"secret-garbage\"}",
        "{\"AccessKeyId\":\"ASIA1\",\"SecretAccessKey\":\"secret-garbage\",\"Expiration\":\"secret-garbage\"}",
        "{\"AccessKeyId\":7,\"SecretAccessKey\":\"secret-garbage\"}")) {
      answer = garbage;

      assertThatThrownBy(() -> new LambdaCredentials(container(), Clock.fixed(NOW, ZoneOffset.UTC)).get())
          .as(garbage).isInstanceOf(IllegalStateException.class).hasMessageNotContaining("secret-garbage")
          .hasNoCause();
    }
  }

  @Test
  void get_credentialsAlreadyExpired_areNotUsedAndNotCached() {
    expiration = NOW.minusSeconds(1);
    LambdaCredentials credentials = new LambdaCredentials(container(), Clock.fixed(NOW, ZoneOffset.UTC));

    assertThatThrownBy(credentials::get).isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("expired").hasMessageNotContaining("secret-").hasMessageNotContaining("session-");
    expiration = NOW.plus(Duration.ofHours(1));
    assertThat(credentials.get().accessKeyId()).isEqualTo("ASIA2");
  }

  @Test
  void get_answerWithoutOrWithEmptyToken_signsWithoutASessionToken() {
    for (String token : new String[] {null, ""}) {
      tokenField = token;

      SigningCredentials keys = new LambdaCredentials(container(), Clock.fixed(NOW, ZoneOffset.UTC)).get();

      assertThat(keys.sessionToken()).as(String.valueOf(token)).isNull();
    }
  }

  @Test
  void get_manyThreadsAtOnce_fetchOnceAndAllGetTheSameKeys() throws Exception {
    LambdaCredentials credentials = new LambdaCredentials(container(), Clock.fixed(NOW, ZoneOffset.UTC));
    int threads = 16;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    try {
      List<java.util.concurrent.Future<SigningCredentials>> got = new java.util.ArrayList<>();
      for (int i = 0; i < threads; i++) {
        got.add(pool.submit(() -> {
          start.await();
          return credentials.get();
        }));
      }
      start.countDown();

      for (java.util.concurrent.Future<SigningCredentials> f : got) {
        assertThat(f.get(10, java.util.concurrent.TimeUnit.SECONDS).accessKeyId()).isEqualTo("ASIA1");
      }
      assertThat(served).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void get_keysOrTokensWithControlCharacters_areRefusedWithoutQuotingThem() {
    Map<String, String> env = new HashMap<>(container());
    env.put(LambdaCredentials.AUTHORIZATION_TOKEN, "auth-token-\u0001-leak");
    assertThatThrownBy(() -> new LambdaCredentials(env, Clock.fixed(NOW, ZoneOffset.UTC)).get())
        .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("leak");

    tokenField = "session-\\u0001-leak";
    assertThatThrownBy(() -> new LambdaCredentials(container(), Clock.fixed(NOW, ZoneOffset.UTC)).get())
        .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("leak");

    Map<String, String> keys = Map.of(LambdaCredentials.ACCESS_KEY_ID, "AKIDENV",
        LambdaCredentials.SECRET_ACCESS_KEY, "secret-\u007f-leak");
    assertThatThrownBy(() -> new LambdaCredentials(keys, Clock.fixed(NOW, ZoneOffset.UTC)).get())
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("leak");
  }

  private Map<String, String> container() {
    return Map.of(LambdaCredentials.FULL_URI,
        "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/2021-04-23/credentials",
        LambdaCredentials.AUTHORIZATION_TOKEN, TOKEN);
  }

  private void serve(HttpExchange exchange) throws IOException {
    authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
    int n = served.incrementAndGet();
    String token = tokenField == null ? "" : ",\"Token\":\"" + (tokenField.isEmpty() ? "" : tokenField + n) + "\"";
    byte[] body = (answer != null ? answer : status == 200
        ? "{\"AccessKeyId\":\"ASIA" + n + "\",\"SecretAccessKey\":\"secret-" + n + "\"" + token
            + ",\"Expiration\":\"" + expiration + "\"}"
        : "{\"message\":\"secret-leak-check\"}").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    if (stallAfterHeaders) {
      exchange.getResponseBody().write(body, 0, 5);
      exchange.getResponseBody().flush();
      try {
        released.await(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.getResponseBody().write(body, 5, body.length - 5);
    } else {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
