package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.contracts.RepositoryRoot;
import dev.intake.handlers.IntakeHandler;
import dev.intake.local.asl.ExecutionStatus;
import dev.intake.local.asl.HistoryEvent;
import dev.intake.local.asl.InMemoryExecutionStore;
import dev.intake.local.asl.StepFunctionsRunner;
import dev.intake.model.FindingsReport;
import dev.intake.model.ProfileField;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.IntakeService;
import dev.intake.pipeline.ObjectStore;
import dev.intake.pipeline.Notification;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.PipelineMetrics;
import dev.intake.pipeline.StoreUnavailableException;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.WorkflowInput;
import dev.intake.testing.ForwardingObjectStore;
import dev.intake.testing.InMemoryObjectStore;
import dev.intake.testing.InMemorySubmissionStore;
import dev.intake.testing.UnversionedEvents;
import dev.intake.testing.WorkbookBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real workflow file, run by the local runner, with the real handlers as its tasks. */
class SubmissionWorkflowTest {

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

  private IntakeHandler pipeline(SubmissionStoreWrapper storeView, ObjectStore objectView) throws Exception {
    runner = LocalWorkflow.build(RepositoryRoot.locate(), storeView, objectView, clock, notifications::add,
        new InMemoryExecutionStore(), sleeps::add, null);
    return new IntakeHandler(new IntakeService(storeView, objectView,
        new RunnerWorkflowStarter(runner),
        new WorkbookParser(), AsOfPolicy.uploadDay(), clock, PipelineMetrics.NONE));
  }

  private IntakeHandler pipeline() throws Exception {
    return pipeline(new SubmissionStoreWrapper(store), objects);
  }

  private static S3Event putEvent() {
    return EventLoader.loadS3Event("test-events/s3-put.json");
  }

  @Test
  void workflow_readyWorkbook_endsReadyWithOneNotification() throws Exception {
    objects.put(BUCKET, KEY, WorkbookBuilder.ready(LocalDate.of(2026, 11, 1)).build());
    IntakeHandler intake = pipeline();

    intake.handleRequest(putEvent(), null);
    var execution = runner.awaitCompletion(ID, Duration.ofSeconds(30));

    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(store.get(ID).orElseThrow().status()).isEqualTo(SubmissionStatus.READY);
    assertThat(office()).singleElement().satisfies(n -> {
      assertThat(n.path("Subject").asText()).isEqualTo("Competency intake: READY - P-1001 (0 blockers)");
      assertThat(n.path("MessageStructure").asText()).isEqualTo("json");
      assertThat(n.path("MessageAttributes").path("status").path("StringValue").asText()).isEqualTo("READY");
      assertThat(Notification.emailOf(n.path("Message").asText())).contains(": READY", "Reply due:");
    });
    assertThat(partners()).singleElement().satisfies(n -> {
      assertThat(n.path("MessageStructure").asText()).isEqualTo("json");
      assertThat(n.path("MessageAttributes").path("partnerId").path("StringValue").asText()).isEqualTo("P-1001");
      assertThat(Notification.emailOf(n.path("Message").asText()))
          .startsWith("Your AWS DevOps Competency self-assessment was checked: READY.");
    });
    assertThat(runner.history(ID)).extracting(HistoryEvent::stateName)
        .contains("Readable?", "Checks", "Prerequisites", "CaseStudies", "PublicUrls", "Aggregate", "Notify");
  }

  @Test
  void workflow_unreadableFile_skipsChecksAndEndsRejected() throws Exception {
    objects.put(BUCKET, KEY, "name,tier\nAcme,Advanced\n".getBytes(StandardCharsets.UTF_8));
    IntakeHandler intake = pipeline();

    intake.handleRequest(putEvent(), null);
    runner.awaitCompletion(ID, Duration.ofSeconds(30));

    assertThat(store.get(ID).orElseThrow().status()).isEqualTo(SubmissionStatus.REJECTED);
    assertThat(runner.history(ID)).extracting(HistoryEvent::stateName).doesNotContain("Checks");
    assertThat(office()).singleElement()
        .satisfies(n -> assertThat(PipelineJson.tree(Notification.defaultOf(n.path("Message").asText())
            .getBytes(StandardCharsets.UTF_8)).path("status").asText()).isEqualTo("REJECTED"));
  }

  @Test
  void workflow_aggregateFails_catchMarksSubmissionFailedWithCause() throws Exception {
    objects.put(BUCKET, KEY, WorkbookBuilder.ready(LocalDate.of(2026, 11, 1)).build());
    ObjectStore brokenReports = new FailingReportWrites(objects);
    IntakeHandler intake = pipeline(new SubmissionStoreWrapper(store), brokenReports);

    intake.handleRequest(putEvent(), null);
    var execution = runner.awaitCompletion(ID, Duration.ofSeconds(30));

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).isEqualTo("SubmissionFailed");
    var submission = store.get(ID).orElseThrow();
    assertThat(submission.status()).isEqualTo(SubmissionStatus.FAILED);
    assertThat(submission.failure()).startsWith("java.lang.IllegalStateException: ").contains("reports bucket is down");
    assertThat(office()).singleElement().satisfies(n -> {
      assertThat(n.path("Subject").asText()).isEqualTo("Competency intake: FAILED - P-1001 (not evaluated)");
      assertThat(n.path("MessageStructure").asText()).isEqualTo("json");
      assertThat(n.path("MessageAttributes").path("status").path("StringValue").asText()).isEqualTo("FAILED");
      assertThat(n.path("MessageAttributes").path("partnerId").path("StringValue").asText()).isEqualTo("P-1001");
      JsonNode message = PipelineJson.tree(Notification.defaultOf(n.path("Message").asText())
          .getBytes(StandardCharsets.UTF_8));
      assertThat(message.path("submissionId").asText()).isEqualTo(ID);
      assertThat(message.path("failure").asText()).isEqualTo(submission.failure());
      assertThat(Notification.emailOf(n.path("Message").asText())).contains("Reason:     " + submission.failure());
    });
    assertThat(partners()).singleElement().satisfies(n -> {
      assertThat(n.path("MessageAttributes").path("partnerId").path("StringValue").asText()).isEqualTo("P-1001");
      assertThat(Notification.emailOf(n.path("Message").asText())).doesNotContain("reports bucket is down")
          .contains("could not be checked");
    });
    assertThat(runner.history(ID)).extracting(HistoryEvent::stateName)
        .contains("MarkFailed", "NotifyFailure", "NotifyFailurePartner");
  }

  @Test
  void workflow_objectDeletedBeforeIntakeRead_endsFailedWithReasonAndOneNotification() throws Exception {
    // given: the upload's event arrives after the object was deleted (put, then delete)
    IntakeHandler intake = pipeline();

    intake.handleRequest(putEvent(), null);
    var execution = runner.awaitCompletion(ID, Duration.ofSeconds(30));

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(store.get(ID).orElseThrow()).satisfies(s -> {
      assertThat(s.status()).isEqualTo(SubmissionStatus.FAILED);
      assertThat(s.failure()).startsWith("ObjectMissing: ").contains("no longer in the bucket");
    });
    assertThat(office()).singleElement().satisfies(n -> assertThat(PipelineJson.tree(
        Notification.defaultOf(n.path("Message").asText()).getBytes(StandardCharsets.UTF_8)).path("status").asText())
        .isEqualTo("FAILED"));
    assertThat(partners()).hasSize(1);
    assertThat(runner.history(ID)).extracting(HistoryEvent::stateName)
        .contains("Failed at intake?", "MarkFailed", "NotifyFailure").doesNotContain("Checks", "Aggregate");
  }

  @Test
  void workflow_unversionedKeyReplacedBeforeIntakeRead_endsFailedInsteadOfJudgingTheLaterBytes() throws Exception {
    byte[] announced = WorkbookBuilder.ready(LocalDate.of(2026, 11, 1))
        .profile(ProfileField.PARTNER_NAME, "Announced Partner").build();
    byte[] later = WorkbookBuilder.ready(LocalDate.of(2026, 11, 1))
        .profile(ProfileField.PARTNER_NAME, "Later Partner").build();
    objects.put(BUCKET, KEY, later);
    IntakeHandler intake = pipeline();

    intake.handleRequest(UnversionedEvents.announcing(announced), null);
    String id = store.list(null, null, 10, null).items().get(0).submissionId();
    runner.awaitCompletion(id, Duration.ofSeconds(30));

    assertThat(store.get(id).orElseThrow()).satisfies(s -> {
      assertThat(s.status()).isEqualTo(SubmissionStatus.FAILED);
      assertThat(s.failure()).startsWith("ObjectReplaced: ");
      assertThat(s.evaluation().partnerName()).as("nothing of the later upload is this one's").isNullOrEmpty();
    });
    assertThat(office()).hasSize(1);
    assertThat(partners()).hasSize(1);
  }

  @Test
  void workflow_storeBrieflyUnavailable_retriesWithBackoffAndEndsReady() throws Exception {
    objects.put(BUCKET, KEY, WorkbookBuilder.ready(LocalDate.of(2026, 11, 1)).build());
    SubmissionStoreWrapper flaky = new SubmissionStoreWrapper(store);
    flaky.failSaves.set(2);
    IntakeHandler intake = pipeline(flaky, objects);

    intake.handleRequest(putEvent(), null);
    runner.awaitCompletion(ID, Duration.ofSeconds(30));

    assertThat(store.get(ID).orElseThrow().status()).isEqualTo(SubmissionStatus.READY);
    assertThat(runner.history(ID)).filteredOn(e -> e.type().label().equals("RetryScheduled")).hasSize(2);
    assertThat(sleeps).hasSize(2);
    assertThat(office()).hasSize(1);
    assertThat(partners()).hasSize(1);
  }

  @Test
  void workflow_sameS3EventThreeTimes_evaluatesAndNotifiesOnce() throws Exception {
    objects.put(BUCKET, KEY, WorkbookBuilder.ready(LocalDate.of(2026, 11, 1)).build());
    IntakeHandler intake = pipeline();
    S3Event event = EventLoader.loadS3Event("test-events/s3-put-duplicate.json");

    for (int i = 0; i < 3; i++) {
      intake.handleRequest(event, null);
    }
    runner.awaitCompletion(ID, Duration.ofSeconds(30));
    for (int i = 0; i < 2; i++) {
      intake.handleRequest(event, null);
    }

    assertThat(runner.list()).hasSize(1);
    assertThat(store.evaluationsSaved).isEqualTo(1);
    assertThat(office()).hasSize(1);
    assertThat(partners()).hasSize(1);
  }

  @Test
  void workflow_unversionedKeyOverwrittenDuringEvaluation_annotatesTheBytesThatWereEvaluated() throws Exception {
    byte[] evaluated = WorkbookBuilder.ready(LocalDate.of(2026, 11, 1))
        .profile(ProfileField.PARTNER_NAME, "Evaluated Partner").build();
    byte[] later = WorkbookBuilder.ready(LocalDate.of(2026, 11, 1))
        .profile(ProfileField.PARTNER_NAME, "Overwriting Partner").build();
    objects.put(BUCKET, KEY, evaluated);
    IntakeHandler intake = pipeline(new SubmissionStoreWrapper(store), new OverwriteAfterIntake(objects, later));

    intake.handleRequest(UnversionedEvents.announcing(evaluated), null);
    String id = store.list(null, null, 10, null).items().get(0).submissionId();
    runner.awaitCompletion(id, Duration.ofSeconds(30));

    String annotated = text(objects.get(BUCKET, WorkflowInput.annotatedKey(id)).orElseThrow());
    assertThat(annotated).contains("Evaluated Partner").doesNotContain("Overwriting Partner");
  }

  private static String text(byte[] workbook) throws Exception {
    StringBuilder all = new StringBuilder();
    DataFormatter formatter = new DataFormatter();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
      book.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> all.append(formatter.formatCellValue(cell))
          .append('\n'))));
    }
    return all.toString();
  }

  /** S3 without versions where the partner overwrites the key as soon as intake has stored its parse. */
  static final class OverwriteAfterIntake extends ForwardingObjectStore {
    private final InMemoryObjectStore objects;
    private final byte[] replacement;

    OverwriteAfterIntake(InMemoryObjectStore objects, byte[] replacement) {
      super(objects);
      this.objects = objects;
      this.replacement = replacement;
    }

    @Override public void write(String bucket, String key, byte[] bytes, String contentType) {
      super.write(bucket, key, bytes, contentType);
      if (key.endsWith("/parsed.json")) {
        objects.put(bucket, KEY, replacement);
      }
    }
  }

  /** The store, with a number of saveEvaluation calls made to fail as if DynamoDB were unreachable. */
  static final class SubmissionStoreWrapper extends dev.intake.testing.ForwardingSubmissionStore {
    final AtomicInteger failSaves = new AtomicInteger();

    SubmissionStoreWrapper(dev.intake.pipeline.SubmissionStore delegate) {
      super(delegate);
    }

    @Override
    public boolean saveEvaluation(String submissionId, FindingsReport report, String reportKey, String annotatedKey,
        Submission previous, Instant at) {
      if (failSaves.getAndDecrement() > 0) {
        throw new StoreUnavailableException("DynamoDB unreachable (test)", null);
      }
      return super.saveEvaluation(submissionId, report, reportKey, annotatedKey, previous, at);
    }
  }

  /** S3 whose report prefix refuses writes: the aggregate step fails with an error no retrier matches. */
  static final class FailingReportWrites extends ForwardingObjectStore {
    FailingReportWrites(ObjectStore delegate) {
      super(delegate);
    }

    @Override public void write(String bucket, String key, byte[] bytes, String contentType) {
      if (key.startsWith("reports/")) {
        throw new IllegalStateException("reports bucket is down (test)");
      }
      super.write(bucket, key, bytes, contentType);
    }
  }

  private List<JsonNode> office() {
    return notifications.stream().filter(n -> n.path("TopicArn").asText().equals(LocalWorkflow.TOPIC_ARN)).toList();
  }

  private List<JsonNode> partners() {
    return notifications.stream().filter(n -> n.path("TopicArn").asText().equals(LocalWorkflow.PARTNER_TOPIC_ARN))
        .toList();
  }
}
