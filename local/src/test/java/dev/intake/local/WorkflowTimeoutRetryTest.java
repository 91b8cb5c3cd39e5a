package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.contracts.RepositoryRoot;
import dev.intake.handlers.IntakeHandler;
import dev.intake.local.asl.ExecutionStatus;
import dev.intake.local.asl.HistoryEvent;
import dev.intake.local.asl.InMemoryExecutionStore;
import dev.intake.local.asl.StepFunctionsRunner;
import dev.intake.local.asl.TaskFailedException;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.IntakeService;
import dev.intake.pipeline.ObjectStore;
import dev.intake.pipeline.PipelineMetrics;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.testing.ForwardingObjectStore;
import dev.intake.testing.InMemoryObjectStore;
import dev.intake.testing.InMemorySubmissionStore;
import dev.intake.testing.WorkbookBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A check or aggregate function that times out on Lambda is retried by the real workflow file
 * (issue 15, point 3): Step Functions reports it as {@code Sandbox.Timedout}, which the local runner
 * lets a task raise by name. A timeout that keeps happening still ends in a stored FAILED.
 */
class WorkflowTimeoutRetryTest {

  private static final String BUCKET = "competency-intake-local";
  private static final String KEY = "incoming/P-1001/ready.xlsx";
  private static final String ID = "sub-arq2ekdndnf5rfhshz7awbflep";

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-01T09:31:00Z"), ZoneOffset.UTC);
  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private final InMemoryObjectStore objects = new InMemoryObjectStore();
  private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private StepFunctionsRunner runner;

  @AfterEach
  void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  private void evaluate(ObjectStore objectView) throws Exception {
    objects.put(BUCKET, KEY, WorkbookBuilder.ready(LocalDate.of(2026, 11, 1)).build());
    runner = LocalWorkflow.build(RepositoryRoot.locate(), store, objectView, clock, notifications::add,
        new InMemoryExecutionStore(), sleeps::add, null);
    new IntakeHandler(new IntakeService(store, objectView, new RunnerWorkflowStarter(runner), new WorkbookParser(),
        AsOfPolicy.uploadDay(), clock, PipelineMetrics.NONE)).handleRequest(
        EventLoader.loadS3Event("test-events/s3-put.json"), null);
    runner.awaitCompletion(ID, Duration.ofSeconds(30));
  }

  @Test
  void workflow_checkTimesOutOnce_isRetriedAndEndsReady() throws Exception {
    evaluate(TimingOut.reads(objects, "/parsed.json", 1));

    assertThat(store.get(ID).orElseThrow().status()).isEqualTo(SubmissionStatus.READY);
    assertThat(notifications).extracting(n -> n.path("TopicArn").asText())
        .containsExactly(LocalWorkflow.TOPIC_ARN, LocalWorkflow.PARTNER_TOPIC_ARN);
    assertThat(runner.history(ID)).filteredOn(e -> e.type().label().equals("RetryScheduled")).hasSize(1);
  }

  @Test
  void workflow_aggregateTimesOutOnce_isRetriedAndEndsReady() throws Exception {
    evaluate(TimingOut.writes(objects, "/report.json", 1));

    assertThat(store.get(ID).orElseThrow().status()).isEqualTo(SubmissionStatus.READY);
    assertThat(notifications).extracting(n -> n.path("TopicArn").asText())
        .containsExactly(LocalWorkflow.TOPIC_ARN, LocalWorkflow.PARTNER_TOPIC_ARN);
  }

  @Test
  void workflow_checkAlwaysTimesOut_endsFailedWithTheTimeoutAsReason() throws Exception {
    evaluate(TimingOut.reads(objects, "/parsed.json", Integer.MAX_VALUE));

    assertThat(runner.describe(ID).orElseThrow().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(store.get(ID).orElseThrow().status()).isEqualTo(SubmissionStatus.FAILED);
    assertThat(store.get(ID).orElseThrow().failure()).contains("Sandbox.Timedout");
    assertThat(runner.history(ID)).extracting(HistoryEvent::stateName).contains("MarkFailed");
  }

  /**
   * The object store as a function that timed out would leave it: reads (or writes) of keys ending
   * in {@code suffix} fail the task as Lambda's timeout, the first {@code times} times.
   */
  static final class TimingOut extends ForwardingObjectStore {
    private final String suffix;
    private final boolean onWrite;
    private final AtomicInteger left;

    private TimingOut(ObjectStore delegate, String suffix, boolean onWrite, int times) {
      super(delegate);
      this.suffix = suffix;
      this.onWrite = onWrite;
      this.left = new AtomicInteger(times);
    }

    /** The checks read parsed.json (intake writes it, which must not time out). */
    static TimingOut reads(ObjectStore delegate, String suffix, int times) {
      return new TimingOut(delegate, suffix, false, times);
    }

    /** Aggregate writes report.json. */
    static TimingOut writes(ObjectStore delegate, String suffix, int times) {
      return new TimingOut(delegate, suffix, true, times);
    }

    private void maybeTimeOut(String key, boolean write) {
      if (write == onWrite && key.endsWith(suffix) && left.getAndDecrement() > 0) {
        throw new TaskFailedException("Sandbox.Timedout", "Task timed out after 30.00 seconds");
      }
    }

    @Override public Optional<byte[]> read(String bucket, String key, String versionId, long maxBytes) {
      maybeTimeOut(key, false);
      return super.read(bucket, key, versionId, maxBytes);
    }

    @Override public void write(String bucket, String key, byte[] bytes, String contentType) {
      maybeTimeOut(key, true);
      super.write(bucket, key, bytes, contentType);
    }
  }
}
