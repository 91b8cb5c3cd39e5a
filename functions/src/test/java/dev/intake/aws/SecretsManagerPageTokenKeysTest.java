package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.intake.pipeline.StoreUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a hand-written stand-in for Secrets Manager's JSON API (there is no local Secrets Manager):
 * it answers GetSecretValue for the version stages the test gives values to, and records each call.
 */
class SecretsManagerPageTokenKeysTest {

  private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:page-token-AbCdEf";
  private static final String FIRST = "first-key-0123456789abcdefghijklmnopqrstuvwxyz";
  private static final String SECOND = "second-key-0123456789abcdefghijklmnopqrstuvwxyz";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Version stage → secret string; a stage missing here is ResourceNotFoundException. */
  private final Map<String, String> stages = new ConcurrentHashMap<>();
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private volatile boolean down;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
  private HttpServer server;
  private AwsClients clients;
  private SecretsManagerPageTokenKeys keys;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
    clients = AwsClients.builder()
        .secretsManagerEndpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .callBudget(Duration.ofSeconds(2))
        .build();
    keys = new SecretsManagerPageTokenKeys(clients.secretsManager(), ARN, clock);
  }

  @AfterEach
  void stop() {
    clients.close();
    server.stop(0);
  }

  @Test
  void signing_neverRotated_isTheCurrentVersionAndReadOnce() {
    stages.put("AWSCURRENT", FIRST);

    PageTokenKeys.Key signing = keys.signing();
    keys.signing();

    assertThat(signing).isEqualTo(key(FIRST));
    assertThat(asked).containsExactly("AWSCURRENT", "AWSPREVIOUS");
  }

  @Test
  void byId_afterARotation_acceptsThePreviousKeyAndSignsWithTheNew() {
    stages.put("AWSCURRENT", SECOND);
    stages.put("AWSPREVIOUS", FIRST);

    assertThat(keys.signing()).isEqualTo(key(SECOND));
    assertThat(keys.byId(key(FIRST).id())).contains(key(FIRST));
    assertThat(keys.byId(key(SECOND).id())).contains(key(SECOND));
  }

  @Test
  void signing_rotatedWhileCached_isTheNewKeyOnceTheCacheIsOld() {
    stages.put("AWSCURRENT", FIRST);
    keys.signing();
    stages.put("AWSCURRENT", SECOND);
    stages.put("AWSPREVIOUS", FIRST);

    clock.advance(SecretsManagerPageTokenKeys.MAX_AGE.minusSeconds(1));
    PageTokenKeys.Key before = keys.signing();
    clock.advance(Duration.ofSeconds(1));
    PageTokenKeys.Key after = keys.signing();

    assertThat(before).isEqualTo(key(FIRST));
    assertThat(after).isEqualTo(key(SECOND));
  }

  @Test
  void byId_keyAnotherContainerRotatedTo_isFoundByReadingAgainAtMostEveryHalfMinute() {
    // given: this container read the keys before the rotation
    stages.put("AWSCURRENT", FIRST);
    keys.signing();
    stages.put("AWSCURRENT", SECOND);
    stages.put("AWSPREVIOUS", FIRST);
    clock.advance(SecretsManagerPageTokenKeys.MIN_REFRESH);

    // when: a token signed with the new key arrives, then tokens with made-up ids
    assertThat(keys.byId(key(SECOND).id())).contains(key(SECOND));
    int calls = asked.size();
    assertThat(keys.byId("made-up-id-1")).isEmpty();
    assertThat(keys.byId("made-up-id-2")).isEmpty();

    // then: made-up ids within the half minute cost no call
    assertThat(asked).hasSize(calls);
  }

  @Test
  void signing_secretsManagerDownAtFirstUse_isStoreUnavailable() {
    down = true;

    assertThatThrownBy(() -> keys.signing()).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void signing_secretsManagerDownLater_keepsTheKeysItRead() {
    stages.put("AWSCURRENT", FIRST);
    keys.signing();
    down = true;
    clock.advance(SecretsManagerPageTokenKeys.MAX_AGE);

    assertThat(keys.signing()).isEqualTo(key(FIRST));
    assertThat(keys.byId(key(FIRST).id())).contains(key(FIRST));
  }

  @Test
  void signing_secretShorterThan32Bytes_isRefused() {
    stages.put("AWSCURRENT", "too-short");

    assertThatThrownBy(() -> keys.signing()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 32 bytes");
  }

  private static PageTokenKeys.Key key(String secret) {
    return new PageTokenKeys.Key(secret.getBytes(StandardCharsets.UTF_8));
  }

  private void answer(HttpExchange exchange) throws IOException {
    JsonNode request = JSON.readTree(exchange.getRequestBody());
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (down) {
      respond(exchange, 503, JSON.createObjectNode().put("__type", "ServiceUnavailable").put("message", "down"));
      return;
    }
    if (!"secretsmanager.GetSecretValue".equals(target) || !ARN.equals(request.path("SecretId").asText())) {
      respond(exchange, 400, JSON.createObjectNode().put("__type", "InvalidRequestException")
          .put("message", "unexpected " + target + " " + request));
      return;
    }
    String stage = request.path("VersionStage").asText("AWSCURRENT");
    asked.add(stage);
    String value = stages.get(stage);
    if (value == null) {
      respond(exchange, 400, JSON.createObjectNode().put("__type", "ResourceNotFoundException")
          .put("message", "Secrets Manager can't find the specified secret value for staging label: " + stage));
      return;
    }
    ObjectNode out = JSON.createObjectNode().put("ARN", ARN).put("Name", "page-token")
        .put("VersionId", Integer.toHexString(value.hashCode())).put("SecretString", value)
        .put("CreatedDate", 1_793_525_400.0);
    out.putArray("VersionStages").add(stage);
    respond(exchange, 200, out);
  }

  private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {

    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
