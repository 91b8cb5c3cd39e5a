package dev.intake.local.asl;

import static dev.intake.local.asl.Harness.HANG_GUARD;
import static dev.intake.local.asl.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, describing, history, persistence and resume. */
class StepFunctionsRunnerTest {

  private static final String WORK = "arn:aws:lambda:local:000000000000:function:work";
  private static final String ONE_TASK = """
      {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(WORK);
  private static final Clock CLOCK = Clock.fixed(Harness.NOW, ZoneOffset.UTC);

  private final AtomicInteger calls = new AtomicInteger();
  private final TaskRegistry registry = new TaskRegistry().function(WORK, input -> {
    calls.incrementAndGet();
    return json("{\"worked\": " + input + "}");
  });

  private StepFunctionsRunner runner(ExecutionStore store) {
    return StepFunctionsRunner.builder(StateMachineDefinition.load(ONE_TASK), registry)
        .store(store).clock(CLOCK).sleeper(new RecordingSleeper()).build();
  }

  @Test
  void startExecution_sameNameAndInputTwice_runsOnceAndReturnsTheExisting() throws Exception {
    try (StepFunctionsRunner runner = runner(new InMemoryExecutionStore())) {
      StartResult first = runner.startExecution("sub-1", json("{\"a\": 1}"));
      runner.awaitCompletion("sub-1", HANG_GUARD);

      StartResult second = runner.startExecution("sub-1", json("{\"a\": 1}"));

      assertThat(first.started()).isTrue();
      assertThat(second.started()).isFalse();
      assertThat(second.executionArn()).isEqualTo(first.executionArn());
      assertThat(calls.get()).isEqualTo(1);
    }
  }

  @Test
  void startExecution_sameNameDifferentInput_throwsExecutionAlreadyExists() throws Exception {
    try (StepFunctionsRunner runner = runner(new InMemoryExecutionStore())) {
      runner.startExecution("sub-1", json("{\"a\": 1}"));

      assertThatThrownBy(() -> runner.startExecution("sub-1", json("{\"a\": 2}")))
          .isInstanceOf(ExecutionAlreadyExistsException.class).hasMessageContaining("sub-1");
    }
  }

  @Test
  void startExecution_invalidName_isRejected() {
    try (StepFunctionsRunner runner = runner(new InMemoryExecutionStore())) {
      assertThatThrownBy(() -> runner.startExecution("has space", json("{}")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> runner.startExecution("a/b", json("{}")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void describe_succeededExecution_hasStatusOutputAndDates() throws Exception {
    try (StepFunctionsRunner runner = runner(new InMemoryExecutionStore())) {
      runner.startExecution("sub-1", json("{\"a\": 1}"));

      ExecutionDescription done = runner.awaitCompletion("sub-1", HANG_GUARD);

      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.output()).isEqualTo(json("{\"worked\": {\"a\": 1}}"));
      assertThat(done.startDate()).isEqualTo(Harness.NOW);
      assertThat(done.stopDate()).isEqualTo(Harness.NOW);
      assertThat(runner.describe("sub-1")).contains(done);
      assertThat(runner.describe("unknown")).isEmpty();
    }
  }

  @Test
  void describe_whileRunning_isRunning() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    TaskRegistry blocking = new TaskRegistry().function(WORK, input -> {
      release.await();
      return input;
    });
    try (StepFunctionsRunner runner = StepFunctionsRunner.builder(StateMachineDefinition.load(ONE_TASK), blocking)
        .build()) {
      runner.startExecution("sub-1", json("{}"));

      ExecutionStatus status = runner.describe("sub-1").orElseThrow().status();
      release.countDown();

      assertThat(status).isEqualTo(ExecutionStatus.RUNNING);
      assertThat(runner.awaitCompletion("sub-1", HANG_GUARD).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }

  @Test
  void history_oneTaskMachine_listsTheEventsInOrder() throws Exception {
    try (StepFunctionsRunner runner = runner(new InMemoryExecutionStore())) {
      runner.startExecution("sub-1", json("{}"));
      runner.awaitCompletion("sub-1", HANG_GUARD);

      List<HistoryEvent> history = runner.history("sub-1");

      assertThat(history).extracting(HistoryEvent::type).containsExactly(
          HistoryEventType.EXECUTION_STARTED, HistoryEventType.STATE_ENTERED, HistoryEventType.TASK_SCHEDULED,
          HistoryEventType.TASK_SUCCEEDED, HistoryEventType.STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
      assertThat(history.get(1).stateName()).isEqualTo("Work");
      assertThat(history.get(2).detail()).isEqualTo(WORK);
    }
  }

  @Test
  void snsPublish_registeredSink_receivesResolvedParametersAndResultHasMessageId() throws Exception {
    List<JsonNode> published = new CopyOnWriteArrayList<>();
    String asl = """
        {"StartAt": "Notify", "States": {"Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
          "Parameters": {"TopicArn": "${TopicArn}", "Subject": "Submission ready",
                         "Message": {"submission.$": "$.id"}}, "End": true}}}""";
    StateMachineDefinition definition = StateMachineDefinition.load(asl,
        Map.of("TopicArn", "arn:aws:sns:local:000000000000:program-office"));
    try (StepFunctionsRunner runner = StepFunctionsRunner.builder(definition,
        new TaskRegistry().snsPublish(published::add)).build()) {
      runner.startExecution("sub-1", json("{\"id\": \"s-1\"}"));

      ExecutionDescription done = runner.awaitCompletion("sub-1", HANG_GUARD);

      assertThat(published).containsExactly(json("""
          {"TopicArn": "arn:aws:sns:local:000000000000:program-office", "Subject": "Submission ready",
           "Message": {"submission": "s-1"}}"""));
      assertThat(done.output().get("MessageId").asText()).isNotBlank();
    }
  }

  @Test
  void wait_secondsTimestampAndPaths_sleepTheComputedDurations() throws Exception {
    RecordingSleeper sleeper = new RecordingSleeper();
    String asl = """
        {"StartAt": "Ten", "States": {
          "Ten": {"Type": "Wait", "Seconds": 10, "Next": "Until"},
          "Until": {"Type": "Wait", "Timestamp": "2024-05-01T10:01:00Z", "Next": "ByPath"},
          "ByPath": {"Type": "Wait", "SecondsPath": "$.delay", "Next": "UntilPath"},
          "UntilPath": {"Type": "Wait", "TimestampPath": "$.until", "Next": "Past"},
          "Past": {"Type": "Wait", "Timestamp": "2000-01-01T00:00:00Z", "End": true}}}""";
    try (StepFunctionsRunner runner = StepFunctionsRunner.builder(StateMachineDefinition.load(asl), new TaskRegistry())
        .clock(CLOCK).sleeper(sleeper).build()) {
      runner.startExecution("w", json("{\"delay\": 7, \"until\": \"2024-05-01T11:00:00+01:00\"}"));

      ExecutionDescription done = runner.awaitCompletion("w", HANG_GUARD);

      assertThat(done.output()).isEqualTo(json("{\"delay\": 7, \"until\": \"2024-05-01T11:00:00+01:00\"}"));
      assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(60),
          Duration.ofSeconds(7), Duration.ZERO, Duration.ZERO);
    }
  }

  @Test
  void directoryStore_newRunner_keepsCompletedExecutionsAndDoesNotRunThemAgain(@TempDir Path dir) throws Exception {
    try (StepFunctionsRunner runner = runner(new DirectoryExecutionStore(dir))) {
      runner.startExecution("sub-1", json("{\"a\": 1}"));
      runner.awaitCompletion("sub-1", HANG_GUARD);
    }

    try (StepFunctionsRunner restarted = runner(new DirectoryExecutionStore(dir))) {
      List<String> resumed = restarted.resumeIncomplete();
      StartResult again = restarted.startExecution("sub-1", json("{\"a\": 1}"));

      assertThat(resumed).isEmpty();
      assertThat(again.started()).isFalse();
      assertThat(restarted.describe("sub-1").orElseThrow().output()).isEqualTo(json("{\"worked\": {\"a\": 1}}"));
      assertThat(restarted.history("sub-1")).extracting(HistoryEvent::type)
          .startsWith(HistoryEventType.EXECUTION_STARTED).endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
      assertThat(calls.get()).isEqualTo(1);
    }
  }

  @Test
  void directoryStore_runnerStoppedMidExecution_newRunnerResumesAndCompletesIt(@TempDir Path dir) throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    TaskRegistry stuck = new TaskRegistry().function(WORK, input -> {
      entered.countDown();
      new CountDownLatch(1).await();
      return input;
    });
    StepFunctionsRunner crashing = StepFunctionsRunner.builder(StateMachineDefinition.load(ONE_TASK), stuck)
        .store(new DirectoryExecutionStore(dir)).clock(CLOCK).build();
    crashing.startExecution("sub-1", json("{\"a\": 1}"));
    assertThat(entered.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
    crashing.close();
    assertThat(new DirectoryExecutionStore(dir).find("sub-1").orElseThrow().description().status())
        .isEqualTo(ExecutionStatus.RUNNING);

    try (StepFunctionsRunner restarted = runner(new DirectoryExecutionStore(dir))) {
      List<String> resumed = restarted.resumeIncomplete();
      ExecutionDescription done = restarted.awaitCompletion("sub-1", HANG_GUARD);

      assertThat(resumed).containsExactly("sub-1");
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.output()).isEqualTo(json("{\"worked\": {\"a\": 1}}"));
      assertThat(restarted.history("sub-1")).extracting(HistoryEvent::type)
          .containsSubsequence(HistoryEventType.EXECUTION_STARTED, HistoryEventType.EXECUTION_RESUMED,
              HistoryEventType.EXECUTION_SUCCEEDED);
      assertThat(new DirectoryExecutionStore(dir).find("sub-1").orElseThrow().description().status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }

  @Test
  void directoryStore_recordWrittenAsRunningByACrashedProcess_isResumed(@TempDir Path dir) throws Exception {
    Instant started = Instant.parse("2024-04-30T08:00:00Z");
    new DirectoryExecutionStore(dir).save(new ExecutionRecord(new ExecutionDescription("sub-9", ExecutionStatus.RUNNING,
        json("{\"b\": 2}"), null, null, null, started, null),
        List.of(new HistoryEvent(started, HistoryEventType.EXECUTION_STARTED, null, ""))));

    try (StepFunctionsRunner restarted = runner(new DirectoryExecutionStore(dir))) {
      restarted.resumeIncomplete();
      ExecutionDescription done = restarted.awaitCompletion("sub-9", HANG_GUARD);

      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.startDate()).isEqualTo(started);
      assertThat(calls.get()).isEqualTo(1);
    }
  }

  @Test
  void directoryStore_save_leavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
    try (StepFunctionsRunner runner = runner(new DirectoryExecutionStore(dir))) {
      runner.startExecution("sub-1", json("{}"));
      runner.awaitCompletion("sub-1", HANG_GUARD);
    }

    try (var files = Files.list(dir)) {
      assertThat(files.map(file -> file.getFileName().toString())).containsExactly("sub-1.json");
    }
  }

  @Test
  void failedExecution_describeAndHistory_carryErrorAndCause() throws Exception {
    String asl = """
        {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Rejected", "Cause": "not a workbook"}}}""";
    try (StepFunctionsRunner runner = StepFunctionsRunner.builder(StateMachineDefinition.load(asl), new TaskRegistry())
        .build()) {
      runner.startExecution("bad", json("{}"));

      ExecutionDescription done = runner.awaitCompletion("bad", HANG_GUARD);

      assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(done.error()).isEqualTo("Rejected");
      assertThat(done.cause()).isEqualTo("not a workbook");
      assertThat(runner.history("bad")).last().satisfies(event -> {
        assertThat(event.type()).isEqualTo(HistoryEventType.EXECUTION_FAILED);
        assertThat(event.detail()).isEqualTo("Rejected: not a workbook");
      });
    }
  }
}
