package dev.intake.local.asl;

import static dev.intake.local.asl.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.intake.pipeline.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retry, Catch, Fail and the predefined errors. */
class ErrorHandlingTest {

  private static final String FLAKY = "arn:aws:lambda:us-east-1:123456789012:function:Flaky";

  private final Harness harness = new Harness();
  private final AtomicInteger calls = new AtomicInteger();

  /** A task that fails with the given error names in turn, then succeeds. */
  private void failWith(String... errors) {
    Deque<String> pending = new ArrayDeque<>(List.of(errors));
    harness.function(FLAKY, input -> {
      calls.incrementAndGet();
      String error = pending.poll();
      if (error != null) {
        throw new TaskFailedException(error, "failure " + calls.get());
      }
      return json("\"done\"");
    });
  }

  private static String flakyTask(String retry, String catchers) {
    return """
        {"StartAt": "X", "States": {
          "X": {"Type": "Task", "Resource": "%s", "Retry": %s, "Catch": %s, "End": true},
          "Recovery": {"Type": "Pass", "End": true}}}""".formatted(FLAKY, retry, catchers);
  }

  /** A catcher for an error no test throws: Recovery must be reachable for the definition to load. */
  private static final String NO_MATCHING_CATCH =
      "[{\"ErrorEquals\": [\"NeverThrown\"], \"Next\": \"Recovery\"}]";

  private static final String CATCH_ALL_TO_RECOVERY =
      "[{\"ErrorEquals\": [\"States.ALL\"], \"ResultPath\": \"$.error\", \"Next\": \"Recovery\"}]";

  @Test
  void retry_specRetrierExample_waitsThreeThenFourAndAHalfSeconds() {
    failWith("ErrorA", "ErrorA");
    String retry = """
        [{"ErrorEquals": ["ErrorA"], "IntervalSeconds": 3, "MaxAttempts": 2, "BackoffRate": 1.5}]""";

    Harness.Outcome outcome = harness.run(flakyTask(retry, CATCH_ALL_TO_RECOVERY), "{}");

    assertThat(outcome.output()).isEqualTo(json("\"done\""));
    assertThat(harness.sleeper.delays()).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(4500));
  }

  @Test
  void retry_specTwoRetriersExample_usesFirstMatchingRetrierThenCatchesWhenItIsExhausted() {
    failWith("ErrorA", "ErrorB", "ErrorC", "ErrorB");
    String retry = """
        [{"ErrorEquals": ["ErrorA", "ErrorB"], "IntervalSeconds": 1, "BackoffRate": 2.0, "MaxAttempts": 2},
         {"ErrorEquals": ["ErrorC"], "IntervalSeconds": 5}]""";

    Harness.Outcome outcome = harness.run(flakyTask(retry, CATCH_ALL_TO_RECOVERY), "{}");

    assertThat(harness.sleeper.delays())
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5));
    assertThat(calls.get()).isEqualTo(4);
    assertThat(outcome.output()).isEqualTo(json("{\"error\": {\"Error\": \"ErrorB\", \"Cause\": \"failure 4\"}}"));
  }

  @Test
  void retry_maxAttemptsThree_retriesExactlyThreeTimesThenCatches() {
    failWith("Boom", "Boom", "Boom", "Boom", "Boom");
    String retry = "[{\"ErrorEquals\": [\"Boom\"], \"IntervalSeconds\": 2, \"MaxAttempts\": 3, \"BackoffRate\": 2}]";

    Harness.Outcome outcome = harness.run(flakyTask(retry, CATCH_ALL_TO_RECOVERY), "{}");

    assertThat(calls.get()).isEqualTo(4);
    assertThat(harness.sleeper.delays())
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    assertThat(outcome.output().get("error").get("Error").asText()).isEqualTo("Boom");
  }

  @Test
  void retry_defaults_areThreeAttemptsOneSecondDoubling() {
    failWith("Boom", "Boom", "Boom", "Boom");

    harness.run(flakyTask("[{\"ErrorEquals\": [\"Boom\"]}]", CATCH_ALL_TO_RECOVERY), "{}");

    assertThat(harness.sleeper.delays())
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void retry_maxAttemptsZero_neverRetries() {
    failWith("Boom", "Boom");
    String retry = "[{\"ErrorEquals\": [\"Boom\"], \"MaxAttempts\": 0}, {\"ErrorEquals\": [\"States.ALL\"]}]";

    Harness.Outcome outcome = harness.run(flakyTask(retry, CATCH_ALL_TO_RECOVERY), "{}");

    assertThat(calls.get()).isEqualTo(1);
    assertThat(harness.sleeper.delays()).isEmpty();
    assertThat(outcome.output().get("error").get("Error").asText()).isEqualTo("Boom");
  }

  @Test
  void retry_maxDelaySeconds_capsTheBackoff() {
    failWith("Boom", "Boom", "Boom", "Boom");
    String retry = """
        [{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "MaxAttempts": 4, "BackoffRate": 3, "MaxDelaySeconds": 10}]""";

    harness.run(flakyTask(retry, CATCH_ALL_TO_RECOVERY), "{}");

    assertThat(harness.sleeper.delays()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(6),
        Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  @Test
  void retry_fullJitter_delaysStayWithinTheBackoff() {
    failWith("Boom", "Boom", "Boom");
    String retry = "[{\"ErrorEquals\": [\"Boom\"], \"IntervalSeconds\": 4, \"JitterStrategy\": \"FULL\"}]";

    harness.run(flakyTask(retry, CATCH_ALL_TO_RECOVERY), "{}");

    List<Duration> delays = harness.sleeper.delays();
    assertThat(delays).hasSize(3);
    assertThat(delays.get(0)).isBetween(Duration.ZERO, Duration.ofSeconds(4));
    assertThat(delays.get(1)).isBetween(Duration.ZERO, Duration.ofSeconds(8));
    assertThat(delays.get(2)).isBetween(Duration.ZERO, Duration.ofSeconds(16));
    assertThat(delays).isNotEqualTo(List.of(Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16)));
  }

  @Test
  void retry_statesAllRetrier_retriesAnyError() {
    failWith("Whatever", "Else");

    Harness.Outcome outcome = harness.run(flakyTask("[{\"ErrorEquals\": [\"States.ALL\"]}]", NO_MATCHING_CATCH), "{}");

    assertThat(outcome.output()).isEqualTo(json("\"done\""));
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void retry_retryCount_isInTheContextObjectOfEachAttempt() {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    harness.function(FLAKY, input -> {
      seen.add(input.get("retry").asInt());
      if (seen.size() < 3) {
        throw new TaskFailedException("Boom", null);
      }
      return IntNode.valueOf(seen.size());
    });
    String asl = """
        {"StartAt": "X", "States": {"X": {"Type": "Task", "Resource": "%s",
          "Parameters": {"retry.$": "$$.State.RetryCount"},
          "Retry": [{"ErrorEquals": ["Boom"]}], "End": true}}}""".formatted(FLAKY);

    harness.run(asl, "{}");

    assertThat(seen).containsExactly(0, 1, 2);
  }

  @Test
  void catch_specExample_errorInfoMergedAtResultPathAndFirstMatchingCatcherWins() {
    harness.function(FLAKY, input -> {
      throw new Exception("it broke");
    });
    String catchers = """
        [{"ErrorEquals": ["java.lang.Exception"], "ResultPath": "$.error-info", "Next": "Recovery"},
         {"ErrorEquals": ["States.ALL"], "Next": "EndMachine"}]""";
    String asl = """
        {"StartAt": "X", "States": {
          "X": {"Type": "Task", "Resource": "%s", "Catch": %s, "End": true},
          "Recovery": {"Type": "Pass", "End": true},
          "EndMachine": {"Type": "Fail", "Error": "Unexpected"}}}""".formatted(FLAKY, catchers);

    Harness.Outcome outcome = harness.run(asl, "{\"foo\": \"bar\"}");

    assertThat(outcome.output()).isEqualTo(json(
        "{\"foo\": \"bar\", \"error-info\": {\"Error\": \"java.lang.Exception\", \"Cause\": \"it broke\"}}"));
  }

  @Test
  void catch_defaultResultPath_errorOutputReplacesInput() {
    failWith("Boom");
    String catchers = "[{\"ErrorEquals\": [\"Boom\"], \"Next\": \"Recovery\"}]";

    Harness.Outcome outcome = harness.run(flakyTask("[]", catchers), "{\"foo\": \"bar\"}");

    assertThat(outcome.output()).isEqualTo(json("{\"Error\": \"Boom\", \"Cause\": \"failure 1\"}"));
  }

  @Test
  void handlerException_errorIsTheFullyQualifiedClassName_soRetryCanNameIt() {
    AtomicInteger attempts = new AtomicInteger();
    harness.function(FLAKY, input -> {
      if (attempts.incrementAndGet() == 1) {
        throw new StoreUnavailableException("throttled", null);
      }
      return json("\"stored\"");
    });
    String retry = "[{\"ErrorEquals\": [\"dev.intake.pipeline.StoreUnavailableException\"], \"MaxAttempts\": 5}]";

    Harness.Outcome outcome = harness.run(flakyTask(retry, NO_MATCHING_CATCH), "{}");

    assertThat(outcome.output()).isEqualTo(json("\"stored\""));
    assertThat(outcome.history()).anySatisfy(event -> {
      assertThat(event.type()).isEqualTo(HistoryEventType.TASK_FAILED);
      assertThat(event.detail()).isEqualTo("dev.intake.pipeline.StoreUnavailableException: throttled");
    });
  }

  @Test
  void uncaughtTaskError_failsExecutionWithErrorAndCause() {
    failWith("Boom");

    Harness.Outcome outcome = harness.run(flakyTask("[]", "[{\"ErrorEquals\": [\"Other\"], \"Next\": \"Recovery\"}]"),
        "{}");

    assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(outcome.error()).isEqualTo("Boom");
    assertThat(outcome.description().cause()).isEqualTo("failure 1");
  }

  @Test
  void failState_specExample_failsExecutionWithItsErrorAndCause() {
    String asl = """
        {"StartAt": "FailState", "States": {
          "FailState": {"Type": "Fail", "Error": "ErrorA", "Cause": "Kaiju attack"}}}""";

    Harness.Outcome outcome = harness.run(asl, "{}");

    assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(outcome.error()).isEqualTo("ErrorA");
    assertThat(outcome.description().cause()).isEqualTo("Kaiju attack");
  }

  @Test
  void failState_errorPathAndCausePath_takeErrorAndCauseFromInput() {
    String asl = """
        {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.code",
          "CausePath": "States.Format('submission {} failed', $.id)"}}}""";

    Harness.Outcome outcome = harness.run(asl, "{\"code\": \"ParseError\", \"id\": \"s-1\"}");

    assertThat(outcome.error()).isEqualTo("ParseError");
    assertThat(outcome.description().cause()).isEqualTo("submission s-1 failed");
  }

  @Test
  void taskFailedWildcard_matchesTaskErrorsButNotTimeout() {
    CountDownLatch never = new CountDownLatch(1);
    harness.function(FLAKY, input -> {
      never.await();
      return input;
    });
    String asl = """
        {"StartAt": "X", "States": {
          "X": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 1,
                "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Recovery"},
                          {"ErrorEquals": ["States.Timeout"], "ResultPath": "$.timeout", "Next": "TimedOut"}],
                "End": true},
          "Recovery": {"Type": "Pass", "End": true},
          "TimedOut": {"Type": "Pass", "End": true}}}""".formatted(FLAKY);

    Harness.Outcome outcome = harness.run(asl, "{}");

    assertThat(outcome.output().get("timeout").get("Error").asText()).isEqualTo("States.Timeout");
    assertThat(outcome.history()).anySatisfy(event -> assertThat(event.stateName()).isEqualTo("TimedOut"));
  }

  @Test
  void heartbeatSeconds_handlerNeverHeartbeats_failsWithHeartbeatTimeout() {
    CountDownLatch never = new CountDownLatch(1);
    harness.function(FLAKY, input -> {
      never.await();
      return input;
    });
    String asl = """
        {"StartAt": "X", "States": {"X": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 30,
          "HeartbeatSeconds": 1, "End": true}}}""".formatted(FLAKY);

    Harness.Outcome outcome = harness.run(asl, "{}");

    assertThat(outcome.error()).isEqualTo("States.HeartbeatTimeout");
  }

  @Test
  void taskFailedWildcard_anyHandlerError_isCaught() {
    failWith("SomethingSpecific");
    String catchers = "[{\"ErrorEquals\": [\"States.TaskFailed\"], \"ResultPath\": \"$.e\", \"Next\": \"Recovery\"}]";

    Harness.Outcome outcome = harness.run(flakyTask("[]", catchers), "{}");

    assertThat(outcome.output().get("e").get("Error").asText()).isEqualTo("SomethingSpecific");
  }

  @Test
  void history_retryScheduled_recordsAttemptAndDelay() {
    failWith("Boom", "Boom");
    String retry = "[{\"ErrorEquals\": [\"Boom\"], \"IntervalSeconds\": 2}]";

    Harness.Outcome outcome = harness.run(flakyTask(retry, NO_MATCHING_CATCH), "{}");

    assertThat(outcome.history()).filteredOn(event -> event.type() == HistoryEventType.RETRY_SCHEDULED)
        .extracting(HistoryEvent::detail)
        .containsExactly("attempt 1 of 3, delay 2s, after Boom: failure 1",
            "attempt 2 of 3, delay 4s, after Boom: failure 2");
  }
}
