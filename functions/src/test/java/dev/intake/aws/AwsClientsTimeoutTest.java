package dev.intake.aws;

import static dev.intake.contracts.LambdaEnvironment.SDK_CALL_TIMEOUT_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.pipeline.StoreUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * Every SDK call stays inside the function's budget (issue 15, point 3): the stack sets
 * SDK_CALL_TIMEOUT_MS below each function's timeout (infra TimeoutAlignmentTest), and AwsClients
 * bounds every client's call and attempt by it.
 */
class AwsClientsTimeoutTest {

  private static final Duration BUDGET = Duration.ofMillis(1500);

  @Test
  void callBudget_fromTheEnvironment_isReadInMilliseconds() {
    assertThat(AwsClients.callBudget(Map.of(SDK_CALL_TIMEOUT_MS, "6250"))).isEqualTo(Duration.ofMillis(6250));
  }

  @Test
  void callBudget_unset_isNone() {
    assertThat(AwsClients.callBudget(Map.of())).isNull();
  }

  @Test
  void callBudget_notAPositiveNumber_isRefused() {
    for (String bad : List.of("soon", "0", "-1")) {
      assertThatThrownBy(() -> AwsClients.callBudget(Map.of(SDK_CALL_TIMEOUT_MS, bad)))
          .as(bad).isInstanceOf(IllegalStateException.class).hasMessageContaining(SDK_CALL_TIMEOUT_MS);
    }
  }

  @Test
  void clients_withABudget_boundEveryCallByIt() {
    try (AwsClients clients = AwsClients.builder().callBudget(BUDGET).build()) {
      for (ClientOverrideConfiguration c : List.of(
          clients.s3().serviceClientConfiguration().overrideConfiguration(),
          clients.dynamoDb().serviceClientConfiguration().overrideConfiguration(),
          clients.sfn().serviceClientConfiguration().overrideConfiguration())) {
        assertThat(c.apiCallTimeout()).hasValue(BUDGET);
      }
    }
  }

  @Test
  void clients_withABudget_boundEveryAttemptByHalfOfIt() {
    try (AwsClients clients = AwsClients.builder().callBudget(BUDGET).build()) {
      for (ClientOverrideConfiguration c : List.of(
          clients.s3().serviceClientConfiguration().overrideConfiguration(),
          clients.dynamoDb().serviceClientConfiguration().overrideConfiguration(),
          clients.sfn().serviceClientConfiguration().overrideConfiguration())) {
        assertThat(c.apiCallAttemptTimeout()).hasValue(BUDGET.dividedBy(2));
      }
    }
  }

  @Test
  void clients_withALargeBudget_keepTheServicesOwnTighterBounds() {
    try (AwsClients clients = AwsClients.builder().callBudget(Duration.ofMinutes(10)).build()) {
      assertThat(clients.dynamoDb().serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
          .hasValue(ClientFactory.Service.DYNAMODB.callTimeout());
      assertThat(clients.s3().serviceClientConfiguration().overrideConfiguration().apiCallAttemptTimeout())
          .hasValue(ClientFactory.Service.S3.attemptTimeout());
    }
  }

  @Test
  void s3Read_serverThatNeverAnswers_failsAsRetryableTimeoutOfTheSdk() throws Exception {
    // given: a server that accepts connections and never sends a byte (the HTTP client's own socket
    // timeout is 30 seconds; only the budget can end the call sooner)
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (IOException closed) {
          held.forEach(AwsClientsTimeoutTest::closeQuietly);
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      try (AwsClients clients = AwsClients.builder().callBudget(BUDGET)
          .s3Endpoint(URI.create("http://127.0.0.1:" + silent.getLocalPort())).build()) {
        S3ObjectStore store = new S3ObjectStore(clients.s3(), clients.s3Presigner());

        // when / then
        assertThatThrownBy(() -> store.read("intake", "incoming/p1/a.xlsx", null, 100))
            .isInstanceOf(StoreUnavailableException.class)
            .hasCauseInstanceOf(ApiCallTimeoutException.class);
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // The test is over; the socket is going away either way.
      assertThat(e).isNotNull();
    }
  }
}
