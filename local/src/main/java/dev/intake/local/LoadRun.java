package dev.intake.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.contracts.BucketLayout;
import dev.intake.local.asl.ExecutionDescription;
import dev.intake.local.asl.ExecutionStatus;
import dev.intake.pipeline.PipelineJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A burst of uploads against a running local pipeline: every upload must reach a terminal state
 * (none lost), each exactly once (one execution and one stored evaluation per upload, one
 * notification each); measures throughput and latency percentiles.
 */
public final class LoadRun {

  /** The outcome of a run. */
  public record Result(int uploads, int terminal, int lost, int executions, int failedExecutions, int notifications,
      Map<String, Integer> byStatus, Duration wall, double throughput, Duration p50, Duration p99, Duration max,
      String cpu) {

    /** Every upload ended in a terminal state, evaluated and notified once. */
    public boolean clean() {
      return lost == 0 && executions == uploads && failedExecutions == 0 && notifications == uploads;
    }

    public String describe() {
      return String.format(java.util.Locale.ROOT,
          "%d uploads: %d terminal, %d lost; %d executions (%d failed), %d notifications; by status %s%n"
              + "throughput %.1f submissions/s (first upload to last verdict, %.1f s); latency p50 %.2f s,"
              + " p99 %.2f s, max %.2f s%s",
          uploads, terminal, lost, executions, failedExecutions, notifications, byStatus, throughput,
          wall.toMillis() / 1000.0, p50.toMillis() / 1000.0, p99.toMillis() / 1000.0, max.toMillis() / 1000.0,
          cpu == null ? "" : String.format("%n") + cpu);
    }
  }

  private LoadRun() {
  }

  /**
   * Uploads {@code count} workbooks, cycling through {@code workbooks}, each under its own key and
   * spread over 20 partner folders, all at once (a pool of uploaders), then waits for every verdict.
   */
  public static Result run(LocalRuntime runtime, List<Path> workbooks, int count, Duration timeout,
      IntConsumer progress) throws IOException, InterruptedException {
    Clock clock = Clock.systemUTC();
    CpuUse.Reading cpuBefore = CpuUse.now();
    Instant start = clock.instant();
    UploadTracker tracker = upload(runtime, workbooks, count, clock);
    // Polled every half second: each round lists every submission through the API, which costs the
    // pipeline under test CPU time too.
    List<UploadTracker.Outcome> outcomes = tracker.await(timeout, Duration.ofMillis(500), progress);
    Instant end = clock.instant();
    String cpu = CpuUse.between(cpuBefore, CpuUse.now(), count);
    return result(runtime, outcomes, count, start, end, cpu);
  }

  /** Uploads the burst (a pool of uploaders, each object under its own key) and returns who to follow. */
  public static UploadTracker upload(LocalRuntime runtime, List<Path> workbooks, int count, Clock clock)
      throws IOException {
    List<byte[]> bytes = new ArrayList<>();
    for (Path w : workbooks) {
      bytes.add(Files.readAllBytes(w));
    }
    UploadTracker tracker = new UploadTracker(new LocalApiClient(runtime.apiEndpoint(), runtime.token()), clock);
    ExecutorService uploaders = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> puts = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String partner = String.format("P-LOAD-%02d", i % 20);
        String file = String.format("load-%04d.xlsx", i);
        byte[] body = bytes.get(i % bytes.size());
        puts.add(uploaders.submit(() -> {
          Instant at = clock.instant();
          runtime.s3().putObject(PutObjectRequest.builder().bucket(LocalRuntime.BUCKET)
              .key(BucketLayout.incomingKey(partner, file)).build(), RequestBody.fromBytes(body));
          synchronized (tracker) {
            tracker.uploaded(partner, file, at);
          }
          return null;
        }));
      }
      for (Future<?> f : puts) {
        f.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("an upload failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while uploading", e);
    } finally {
      uploaders.shutdown();
    }
    return tracker;
  }

  /** Counts what became of the uploads, from the API's answers, the runner's executions and the outbox. */
  public static Result result(LocalRuntime runtime, List<UploadTracker.Outcome> outcomes, int count, Instant start,
      Instant end) throws IOException {
    return result(runtime, outcomes, count, start, end, null);
  }

  /** The same, with the CPU use of the run ({@link CpuUse}) to report, or null. */
  public static Result result(LocalRuntime runtime, List<UploadTracker.Outcome> outcomes, int count, Instant start,
      Instant end, String cpu) throws IOException {
    List<Duration> latencies = outcomes.stream().map(UploadTracker.Outcome::latency)
        .filter(java.util.Objects::nonNull).sorted().toList();
    Map<String, Integer> byStatus = new HashMap<>();
    outcomes.forEach(o -> byStatus.merge(o.status(), 1, Integer::sum));
    int terminal = (int) outcomes.stream().filter(o -> o.submission() != null).count();
    List<ExecutionDescription> executions = runtime.runner().list();
    int failed = (int) executions.stream().filter(e -> e.status() == ExecutionStatus.FAILED).count();
    Instant last = outcomes.stream().map(o -> o.latency() == null ? null : o.upload().uploadedAt().plus(o.latency()))
        .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(end);
    Duration wall = Duration.between(start, last);
    return new Result(count, terminal, count - terminal, executions.size(), failed,
        countNotifications(runtime.dataDir().resolve("outbox")), byStatus, wall,
        terminal / Math.max(0.001, wall.toMillis() / 1000.0), percentile(latencies, 50), percentile(latencies, 99),
        latencies.isEmpty() ? Duration.ZERO : latencies.get(latencies.size() - 1), cpu);
  }

  static Duration percentile(List<Duration> sorted, int p) {
    if (sorted.isEmpty()) {
      return Duration.ZERO;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** The program office's messages in the outbox (each upload also sends its partner one, not counted). */
  private static int countNotifications(Path outbox) throws IOException {
    if (!Files.isDirectory(outbox)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(outbox)) {
      return (int) files.filter(f -> f.getFileName().toString().endsWith(".json"))
          .map(f -> PipelineJson.tree(readQuietly(f)))
          .filter(m -> m.path("Subject").isTextual() && LocalWorkflow.TOPIC_ARN.equals(m.path("TopicArn").asText()))
          .count();
    }
  }

  private static byte[] readQuietly(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      return "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Reads the sample workbooks listed in a manifest. */
  public static List<Path> samples(Path folder) throws IOException {
    JsonNode manifest = PipelineJson.tree(Files.readAllBytes(folder.resolve("manifest.json")));
    List<Path> out = new ArrayList<>();
    manifest.path("samples").forEach(s -> out.add(folder.resolve(s.path("fileName").asText())));
    return out;
  }
}
