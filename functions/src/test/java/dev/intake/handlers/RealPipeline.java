package dev.intake.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.api.ApiRequest;
import dev.intake.api.ApiResponse;
import dev.intake.api.Caller;
import dev.intake.api.ExecutionHistory;
import dev.intake.api.ReviewerApi;
import dev.intake.api.TemplateService;
import dev.intake.api.UploadLinks;
import dev.intake.aws.AwsClients;
import dev.intake.aws.DynamoDbSubmissionStore;
import dev.intake.aws.S3ObjectStore;
import dev.intake.aws.SubmissionTableSetup;
import dev.intake.checklist.Checklist;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.AggregateService;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.CheckService;
import dev.intake.pipeline.FailureService;
import dev.intake.pipeline.IntakeService;
import dev.intake.pipeline.Notification;
import dev.intake.pipeline.ObjectStore;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.PipelineMetrics;
import dev.intake.pipeline.SubmissionStore;
import dev.intake.pipeline.UploadedObject;
import dev.intake.pipeline.WorkflowInput;
import dev.intake.rules.RuleEngine;
import dev.intake.rules.RuleGroup;
import dev.intake.testing.Dynalite;
import dev.intake.testing.FakeUploadPresigner;
import dev.intake.testing.InMemoryObjectStore;
import dev.intake.testing.RecordingWorkflowStarter;
import dev.intake.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The pipeline's steps on the real stores — the DynamoDB store on dynalite and the S3 store on
 * S3Proxy — driven the way the workflow drives them (intake, the three check groups, aggregate),
 * with a clock the test sets, and the reviewer API over the same stores.
 */
final class RealPipeline {

  static final String BUCKET = "review-loop";
  static final String API = "https://api.example/v1";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  final SettableClock clock;
  final SubmissionStore store;
  final ObjectStore objects;
  final RecordingWorkflowStarter workflow = new RecordingWorkflowStarter();
  final String table;
  private final Checklist checklist = Checklist.current();
  private final IntakeService intake;
  private long sequencer = 0x1000;

  RealPipeline(AwsClients clients, Instant start) {
    clock = new SettableClock(start);
    table = Dynalite.uniqueTableName("review");
    SubmissionTableSetup.create(clients.dynamoDb(), table);
    store = new DynamoDbSubmissionStore(clients.dynamoDb(), table);
    objects = new S3ObjectStore(clients.s3(), clients.s3Presigner());
    intake = new IntakeService(store, objects, workflow, new WorkbookParser(), AsOfPolicy.uploadDay(), clock,
        PipelineMetrics.NONE);
  }

  /** The result of one upload: its submission id and the notification aggregate returned. */
  record Evaluated(String submissionId, JsonNode notification) {

    String officeEmail() {
      return Notification.emailOf(notification.path("message").asText());
    }

    String partnerEmail() {
      return Notification.emailOf(notification.path("partnerMessage").asText());
    }

    JsonNode officeDocument() {
      return PipelineJson.tree(Notification.defaultOf(notification.path("message").asText())
          .getBytes(StandardCharsets.UTF_8));
    }
  }

  /** An upload received and checked, whose aggregate (or failure) step has not run yet. */
  record Pending(String submissionId, ObjectNode state, Instant at) {
  }

  /** Uploads {@code xlsx} as {@code key} at {@code at} and evaluates it as the workflow would. */
  Evaluated upload(String key, byte[] xlsx, Instant at) {
    return aggregate(receive(key, xlsx, at));
  }

  /**
   * Uploads {@code xlsx} as {@code key} at {@code at} and runs intake and the check groups, leaving
   * the last step to {@link #aggregate} or {@link #fail}: so a test can finish evaluations in any order.
   */
  Pending receive(String key, byte[] xlsx, Instant at) {
    synchronized (this) {
      clock.set(at);
      objects.write(BUCKET, key, xlsx, XLSX);
      // S3's ETag of a single PUT: intake reads an unversioned upload only if it still has these bytes.
      UploadedObject upload = new UploadedObject(BUCKET, key, null, InMemoryObjectStore.eTag(xlsx), xlsx.length,
          String.format(Locale.ROOT, "%016X", sequencer++), at);
      intake.accept(upload);
      String id = upload.submissionId();
      ObjectNode state = (ObjectNode) PipelineJson.tree(workflow.started.get(id).getBytes(StandardCharsets.UTF_8));
      if (state.path("readable").asBoolean(true)) {
        ArrayNode checks = state.putArray("checks");
        for (RuleGroup g : RuleGroup.values()) {
          checks.add(new CheckService(g, RuleEngine.standard(checklist), objects).run(WorkflowInput.from(state)));
        }
      }
      return new Pending(id, state, at);
    }
  }

  /** The workflow's aggregate step for {@code p}; safe to call from several threads at once. */
  Evaluated aggregate(Pending p) {
    clock.set(p.at().plusSeconds(20));
    JsonNode notification = new AggregateHandler(AggregateService.standard(objects, store, checklist, clock, API,
        PipelineMetrics.NONE)).handle(p.state());
    return new Evaluated(p.submissionId(), notification);
  }

  /** The workflow's failure step for {@code p} (its Catch): stored FAILED; the notification, or null. */
  Notification fail(Pending p) {
    clock.set(p.at().plusSeconds(20));
    return new FailureService(store, clock, PipelineMetrics.NONE, API)
        .fail(WorkflowInput.from(p.state()), "States.Timeout", "the checks took too long (test)").notification();
  }

  ReviewerApi api() {
    return api(store);
  }

  ReviewerApi api(SubmissionStore over) {
    return new ReviewerApi(over, objects, new TemplateService(objects, BUCKET, checklist), ExecutionHistory.NONE,
        new UploadLinks(new FakeUploadPresigner(), BUCKET, clock), clock);
  }

  static JsonNode call(ReviewerApi api, Caller caller, String method, String path, Map<String, String> query,
      String body, int expectedStatus) {
    ApiResponse r = api.handle(new ApiRequest(method, path, query, body, caller));
    if (r.status() != expectedStatus) {
      throw new AssertionError(method + " " + path + " answered " + r.status() + ", not " + expectedStatus + ": "
          + r.body());
    }
    return PipelineJson.tree(r.body().getBytes(StandardCharsets.UTF_8));
  }
}
