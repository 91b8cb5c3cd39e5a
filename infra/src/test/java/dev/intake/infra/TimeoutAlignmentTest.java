package dev.intake.infra;

import static dev.intake.infra.PipelineStackTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.contracts.RepositoryRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A slow AWS call fails as a retryable error before its function times out, and a function
 * timeout is retried by the workflow where a retry is safe (issue 15, point 3). The functions'
 * side — AwsClients bounding every client by SDK_CALL_TIMEOUT_MS — is AwsClientsTimeoutTest.
 */
class TimeoutAlignmentTest {

  /** API Gateway's integration timeout for a REST API. */
  private static final int API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS = 29;
  /** What Step Functions reports when a Lambda function it invoked timed out (and, for older runtimes, crashed). */
  private static final List<String> LAMBDA_TIMEOUT_ERRORS = List.of("Sandbox.Timedout", "Lambda.Unknown");

  private static Map<String, Map<String, Object>> functions;
  private static JsonNode states;

  @BeforeAll
  static void synthesize() throws IOException {
    functions = new TreeMap<>();
    Synth.defaults().ofType("AWS::Lambda::Function").forEach((id, f) -> {
      if (String.valueOf(f.get("Handler")).startsWith(Functions.HANDLERS)) {
        functions.put(String.valueOf(f.get("Handler")), f);
      }
    });
    JsonNode asl = new ObjectMapper().readTree(RepositoryRoot.locate().resolve("statemachine/submission.asl.json")
        .toFile());
    states = asl.path("States");
  }

  @Test
  void functions_everyOne_hasAnSdkCallTimeout() {
    assertThat(functions).hasSize(9);
    functions.forEach((handler, f) -> assertThat(environment(f)).as(handler)
        .containsKey(PipelineFunction.SDK_CALL_TIMEOUT_ENV));
  }

  @Test
  void sdkCallTimeout_everyFunction_isBelowItsFunctionTimeout() {
    functions.forEach((handler, f) -> assertThat(sdkCallTimeoutMillis(f)).as(handler)
        .isLessThan(timeoutSeconds(f) * 1000L));
  }

  @Test
  void sdkCallTimeout_everyFunction_leavesAtLeastHalfItsTimeoutToReportTheFailure() {
    functions.forEach((handler, f) -> assertThat(sdkCallTimeoutMillis(f) * 2).as(handler)
        .isLessThanOrEqualTo(timeoutSeconds(f) * 1000L));
  }

  @Test
  void apiFunction_timeout_isBelowApiGatewaysIntegrationTimeout() {
    assertThat(timeoutSeconds(functions.get(Functions.HANDLERS + "ApiHandler::handleRequest")))
        .isLessThan(API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS);
  }

  @Test
  void workflow_everyIdempotentLambdaTask_retriesAFunctionTimeout() {
    // The three checks and aggregate are safe to run again (AggregateService: S3 overwrites, a second
    // terminal write is refused); MarkFailed retries every error already.
    for (String task : List.of("Prerequisites", "CaseStudies", "PublicUrls", "Aggregate")) {
      assertThat(retriedErrors(task)).as(task).containsAll(LAMBDA_TIMEOUT_ERRORS);
    }
  }

  @Test
  void workflow_markFailed_retriesEveryError() {
    assertThat(retriedErrors("MarkFailed")).containsExactly("States.ALL");
  }

  @Test
  void workflow_timeoutRetry_isBoundedSoADeterministicTimeoutStillEndsFailed() {
    for (String task : List.of("Prerequisites", "CaseStudies", "PublicUrls", "Aggregate")) {
      JsonNode retrier = retrierOf(task, "Sandbox.Timedout");
      assertThat(retrier.path("MaxAttempts").asInt()).as(task).isBetween(1, 2);
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  private static Map<String, Object> environment(Map<String, Object> function) {
    return map(map(function.get("Environment")).get("Variables"));
  }

  private static long sdkCallTimeoutMillis(Map<String, Object> function) {
    return Long.parseLong(String.valueOf(environment(function).get(PipelineFunction.SDK_CALL_TIMEOUT_ENV)));
  }

  private static int timeoutSeconds(Map<String, Object> function) {
    return ((Number) function.get("Timeout")).intValue();
  }

  /** A Task state anywhere in the definition (top level or a Parallel branch). */
  private static JsonNode task(String name) {
    if (states.has(name)) {
      return states.path(name);
    }
    for (JsonNode state : states) {
      for (JsonNode branch : state.path("Branches")) {
        if (branch.path("States").has(name)) {
          return branch.path("States").path(name);
        }
      }
    }
    throw new AssertionError("no state " + name);
  }

  private static List<String> retriedErrors(String taskName) {
    List<String> errors = new ArrayList<>();
    task(taskName).path("Retry").forEach(r -> r.path("ErrorEquals").forEach(e -> errors.add(e.asText())));
    return errors;
  }

  private static JsonNode retrierOf(String taskName, String error) {
    for (JsonNode r : task(taskName).path("Retry")) {
      for (JsonNode e : r.path("ErrorEquals")) {
        if (e.asText().equals(error)) {
          return r;
        }
      }
    }
    throw new AssertionError(taskName + " does not retry " + error);
  }
}
