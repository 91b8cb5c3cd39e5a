package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.intake.pipeline.StoreUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a hand-written stand-in for the Step Functions JSON API (there is no local Step
 * Functions): it answers StartExecution with whatever the test scripts and records the requests.
 */
class SfnWorkflowStarterTest {

  private static final String ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:submission";
  private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<String> targets = new CopyOnWriteArrayList<>();
  private volatile int status;
  private volatile String body;
  private HttpServer server;
  private AwsClients clients;
  private SfnWorkflowStarter starter;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
    clients = AwsClients.builder()
        .sfnEndpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .build();
    starter = new SfnWorkflowStarter(clients.sfn(), ARN, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    clients.close();
    server.stop(0);
  }

  @Test
  void start_newName_sendsArnNameAndInputAndReturnsTrue() {
    respond(200, "{\"executionArn\":\"" + ARN + ":sub-1\",\"startDate\":" + NOW.getEpochSecond() + "}");

    boolean started = starter.start("sub-1", "{\"submissionId\":\"sub-1\"}");

    assertThat(started).isTrue();
    assertThat(targets).containsExactly("AWSStepFunctions.StartExecution");
    JsonNode sent = requests.get(0);
    assertThat(sent.path("stateMachineArn").asText()).isEqualTo(ARN);
    assertThat(sent.path("name").asText()).isEqualTo("sub-1");
    assertThat(sent.path("input").asText()).isEqualTo("{\"submissionId\":\"sub-1\"}");
  }

  @Test
  void start_executionAlreadyExists_returnsFalse() {
    respond(400, "{\"__type\":\"com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists\","
        + "\"message\":\"Execution Already Exists: '" + ARN + ":sub-1'\"}");

    boolean started = starter.start("sub-1", "{}");

    assertThat(started).isFalse();
  }

  @Test
  void start_sameNameStillRunningAnsweredWithItsOlderStart_returnsFalse() {
    long anHourAgo = NOW.minusSeconds(3600).getEpochSecond();
    respond(200, "{\"executionArn\":\"" + ARN + ":sub-1\",\"startDate\":" + anHourAgo + "}");

    boolean started = starter.start("sub-1", "{}");

    assertThat(started).isFalse();
  }

  @Test
  void start_serviceFailing_isStoreUnavailable() {
    respond(500, "{\"__type\":\"InternalFailure\",\"message\":\"oops\"}");

    assertThatThrownBy(() -> starter.start("sub-1", "{}")).isInstanceOf(StoreUnavailableException.class);
    assertThat(requests).hasSizeGreaterThan(1);
  }

  @Test
  void start_invalidName_isNotRetriedAsUnavailable() {
    respond(400, "{\"__type\":\"InvalidName\",\"message\":\"Invalid Name: 'x y'\"}");

    assertThatThrownBy(() -> starter.start("x y", "{}")).isNotInstanceOf(StoreUnavailableException.class);
    assertThat(requests).hasSize(1);
  }

  @Test
  void exists_executionOfThatName_describesItsArnAndReturnsTrue() {
    respond(200, "{\"executionArn\":\"arn:aws:states:us-east-1:123456789012:execution:submission:sub-1\","
        + "\"stateMachineArn\":\"" + ARN + "\",\"status\":\"RUNNING\",\"startDate\":" + NOW.getEpochSecond() + "}");

    boolean exists = starter.exists("sub-1");

    assertThat(exists).isTrue();
    assertThat(targets).containsExactly("AWSStepFunctions.DescribeExecution");
    assertThat(requests.get(0).path("executionArn").asText())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:submission:sub-1");
  }

  @Test
  void exists_noSuchExecution_returnsFalse() {
    respond(400, "{\"__type\":\"com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist\","
        + "\"message\":\"Execution Does Not Exist\"}");

    boolean exists = starter.exists("sub-1");

    assertThat(exists).isFalse();
  }

  private void respond(int status, String body) {
    this.status = status;
    this.body = body;
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      requests.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
      byte[] out = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(status, out.length);
      exchange.getResponseBody().write(out);
    }
  }
}
