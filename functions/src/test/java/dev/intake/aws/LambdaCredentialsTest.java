package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @BeforeEach
  void start() throws IOException {
    endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    endpoint.createContext("/2021-04-23/credentials", this::serve);
    endpoint.start();
  }

  @AfterEach
  void stop() {
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

  private Map<String, String> container() {
    return Map.of(LambdaCredentials.FULL_URI,
        "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/2021-04-23/credentials",
        LambdaCredentials.AUTHORIZATION_TOKEN, TOKEN);
  }

  private void serve(HttpExchange exchange) throws IOException {
    authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
    int n = served.incrementAndGet();
    byte[] body = (status == 200
        ? "{\"AccessKeyId\":\"ASIA" + n + "\",\"SecretAccessKey\":\"secret-" + n + "\",\"Token\":\"session-" + n
            + "\",\"Expiration\":\"" + expiration + "\"}"
        : "{\"message\":\"secret-leak-check\"}").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
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
