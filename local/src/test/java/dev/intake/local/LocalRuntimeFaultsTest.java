package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.local.asl.ExecutionDescription;
import dev.intake.local.asl.ExecutionStatus;
import dev.intake.local.asl.HistoryEvent;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.testing.SampleWorkbooks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults in the local runtime: the DynamoDB engine stops in the middle of a burst, and the whole
 * runtime restarts in the middle of a burst. Every upload must still reach a terminal state, once.
 */
class LocalRuntimeFaultsTest {

  private static final int BURST = 100;

  @TempDir
  Path data;

  private static LocalRuntime.Options options(Path data) {
    return LocalRuntime.Options.defaults(data, line -> { }).withAsOf(AsOfPolicy.fixed(LocalDate.of(2026, 11, 1)));
  }

  private static List<Path> samples() throws Exception {
    return LoadRun.samples(SampleWorkbooks.folder());
  }

  @Test
  void dynamoDbStopsMidBurst_everyUploadStillTerminalOnce_withRetriesInHistory() throws Exception {
    try (LocalRuntime runtime = LocalRuntime.start(options(data))) {
      Instant start = Instant.now();
      UploadTracker tracker = LoadRun.upload(runtime, samples(), BURST, Clock.systemUTC());
      awaitSomeVerdicts(runtime, 10);

      runtime.stopDynamoDb();
      Thread.sleep(6_000);
      runtime.startDynamoDb();
      List<UploadTracker.Outcome> outcomes = tracker.await(Duration.ofMinutes(6), Duration.ofMillis(500), n -> { });

      LoadRun.Result r = LoadRun.result(runtime, outcomes, BURST, start, Instant.now());
      assertThat(r.lost()).as(r.describe()).isZero();
      assertThat(r.byStatus()).as(r.describe()).doesNotContainKey("FAILED");
      assertThat(r.executions()).as("one execution per upload").isEqualTo(BURST);
      assertThat(outcomes).allSatisfy(o -> assertThat(o.evaluations()).isEqualTo(1));
      assertThat(retried(runtime)).as("executions that show RetryScheduled in their history").isPositive();
    }
  }

  @Test
  void runtimeRestartsMidBurst_everyUploadStillTerminalOnce() throws Exception {
    LocalRuntime first = LocalRuntime.start(options(data));
    Instant start = Instant.now();
    LoadRun.upload(first, samples(), BURST, Clock.systemUTC());
    awaitSomeVerdicts(first, 10);
    first.close();

    try (LocalRuntime second = LocalRuntime.start(options(data))) {
      UploadTracker tracker = new UploadTracker(new LocalApiClient(second.apiEndpoint(), second.token()),
          Clock.systemUTC());
      for (int i = 0; i < BURST; i++) {
        tracker.uploaded(String.format("P-LOAD-%02d", i % 20), String.format("load-%04d.xlsx", i), start);
      }
      List<UploadTracker.Outcome> outcomes = tracker.await(Duration.ofMinutes(6), Duration.ofMillis(500), n -> { });

      LoadRun.Result r = LoadRun.result(second, outcomes, BURST, start, Instant.now());
      assertThat(r.lost()).as(r.describe()).isZero();
      assertThat(r.byStatus()).as(r.describe()).doesNotContainKey("FAILED");
      assertThat(outcomes).allSatisfy(o -> assertThat(o.evaluations()).isEqualTo(1));
      // An upload is terminal once its verdict is stored; its execution goes on to link the thread and
      // publish the notifications: wait for those steps too (the assertion raced them under load).
      awaitNoneRunning(second);
      Map<ExecutionStatus, Long> executions = second.runner().list().stream()
          .collect(Collectors.groupingBy(ExecutionDescription::status, Collectors.counting()));
      assertThat(executions).as("every execution, across both runs, finished").containsOnlyKeys(
          ExecutionStatus.SUCCEEDED).containsEntry(ExecutionStatus.SUCCEEDED, (long) BURST);
      assertThat(withEvent(second, "ExecutionResumed")).as("executions the second runtime resumed").isPositive();
    }
  }

  private static void awaitSomeVerdicts(LocalRuntime runtime, int n) throws InterruptedException {
    Waits.until(Duration.ofMinutes(2), Duration.ofMillis(100),
        () -> runtime.runner().list().stream().filter(e -> e.status() != ExecutionStatus.RUNNING).count() >= n);
  }

  private static void awaitNoneRunning(LocalRuntime runtime) throws InterruptedException {
    Waits.until(Duration.ofMinutes(1), Duration.ofMillis(100),
        () -> runtime.runner().list().stream().noneMatch(e -> e.status() == ExecutionStatus.RUNNING));
  }

  private static long retried(LocalRuntime runtime) {
    return withEvent(runtime, "RetryScheduled");
  }

  private static long withEvent(LocalRuntime runtime, String type) {
    Function<ExecutionDescription, List<HistoryEvent>> history = e -> runtime.runner().history(e.name());
    return runtime.runner().list().stream()
        .filter(e -> history.apply(e).stream().anyMatch(h -> h.type().label().equals(type)))
        .count();
  }
}
