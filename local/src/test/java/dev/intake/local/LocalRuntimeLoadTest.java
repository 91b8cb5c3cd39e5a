package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.pipeline.AsOfPolicy;
import dev.intake.testing.SampleWorkbooks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load test (also `./pipeline load`): 300 uploads in one burst. Asserts that nothing is lost or
 * evaluated twice; throughput and latency are printed, never asserted (they belong to BENCHMARKS.md).
 */
class LocalRuntimeLoadTest {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRuntimeLoadTest.class);

  @TempDir
  Path data;

  @Test
  void burstOf300Uploads_everyOneTerminalOnceAndNotifiedOnce() throws Exception {
    try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(data, line -> { })
        .withAsOf(AsOfPolicy.fixed(LocalDate.of(2026, 11, 1))))) {

      LoadRun.Result result = LoadRun.run(runtime, LoadRun.samples(SampleWorkbooks.folder()),
          300, Duration.ofMinutes(10), done -> { });

      LOG.warn("Load test: {}", result.describe());
      assertThat(result.lost()).as(result.describe()).isZero();
      assertThat(result.terminal()).isEqualTo(300);
      assertThat(result.executions()).as("one execution per upload").isEqualTo(300);
      assertThat(result.failedExecutions()).isZero();
      assertThat(result.notifications()).as("one notification per upload").isEqualTo(300);
      assertThat(result.byStatus()).doesNotContainKey("FAILED");
    }
  }
}
