package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.api.ApiRequest;
import dev.intake.api.Caller;
import dev.intake.api.ReviewerApi;
import dev.intake.api.TemplateService;
import dev.intake.api.UploadLinks;
import dev.intake.aws.AwsClients;
import dev.intake.aws.DynamoDbSubmissionStore;
import dev.intake.aws.SubmissionTableSetup;
import dev.intake.checklist.Checklist;
import dev.intake.contracts.RepositoryRoot;
import dev.intake.handlers.IntakeHandler;
import dev.intake.local.asl.InMemoryExecutionStore;
import dev.intake.local.asl.StepFunctionsRunner;
import dev.intake.model.ProfileField;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.IntakeService;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.PipelineMetrics;
import dev.intake.pipeline.SubmissionIds;
import dev.intake.pipeline.SubmissionStore;
import dev.intake.testing.Dynalite;
import dev.intake.testing.FakeUploadPresigner;
import dev.intake.testing.InMemoryObjectStore;
import dev.intake.testing.WorkbookBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * S3 delivers events at least once and not in order. The same event five times, and an older version
 * of a file arriving after a newer one, must give one evaluation per version, a history in upload
 * order, and one notification each. Against dynalite, with the real workflow file.
 */
class DuplicatesAndOrderTest {

  private static final String BUCKET = "competency-intake-local";
  private static final String KEY = "incoming/P-1001/self-assessment.xlsx";
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  private final Clock clock = Clock.systemUTC();
  private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
  private final InMemoryObjectStore objects = new InMemoryObjectStore();
  private StepFunctionsRunner runner;
  private AwsClients clients;

  @AfterEach
  void stop() {
    if (runner != null) {
      runner.close();
    }
    if (clients != null) {
      clients.close();
    }
  }

  @Test
  void olderVersionAfterNewer_eachDeliveredFiveTimes_oneEvaluationEachInUploadOrder() throws Exception {
    clients = AwsClients.local(Dynalite.shared().endpoint(), null);
    String table = Dynalite.uniqueTableName("order");
    SubmissionTableSetup.create(clients.dynamoDb(), table);
    SubmissionStore store = new DynamoDbSubmissionStore(clients.dynamoDb(), table);
    runner = LocalWorkflow.build(RepositoryRoot.locate(), store, objects, clock, notifications::add,
        new InMemoryExecutionStore(), d -> { }, null);
    IntakeHandler intake = new IntakeHandler(new IntakeService(store, objects,
        new RunnerWorkflowStarter(runner),
        new WorkbookParser(), AsOfPolicy.fixed(AS_OF), clock, PipelineMetrics.NONE));
    objects.put(BUCKET, KEY, "v1", WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, "Select").build());
    objects.put(BUCKET, KEY, "v2", WorkbookBuilder.ready(AS_OF).build());

    for (int i = 0; i < 5; i++) {
      intake.handleRequest(event("v2", "0000000000000002", "2026-11-01T10:00:00Z"), null);
    }
    for (int i = 0; i < 5; i++) {
      intake.handleRequest(event("v1", "0000000000000001", "2026-11-01T09:00:00Z"), null);
    }
    String v1 = SubmissionIds.submissionId(BUCKET, KEY, "v1");
    String v2 = SubmissionIds.submissionId(BUCKET, KEY, "v2");
    runner.awaitCompletion(v1, Duration.ofSeconds(60));
    runner.awaitCompletion(v2, Duration.ofSeconds(60));

    assertThat(runner.list()).hasSize(2);
    assertThat(notifications).filteredOn(n -> n.path("TopicArn").asText().equals(LocalWorkflow.TOPIC_ARN))
        .hasSize(2);
    assertThat(notifications).filteredOn(n -> n.path("TopicArn").asText().equals(LocalWorkflow.PARTNER_TOPIC_ARN))
        .hasSize(2);
    ReviewerApi api = new ReviewerApi(store, objects, new TemplateService(objects, BUCKET, Checklist.current()),
        id -> List.of(), new UploadLinks(new FakeUploadPresigner(), BUCKET, clock), clock);
    JsonNode history = PipelineJson.tree(api.handle(new ApiRequest("GET", "/submissions/" + v2 + "/history",
        Map.of(), null, new Caller.Reviewer("test"))).body().getBytes(StandardCharsets.UTF_8));
    List<String> order = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    history.path("evaluations").forEach(e -> {
      order.add(e.path("submissionId").asText());
      statuses.add(e.path("status").asText());
    });
    assertThat(order).containsExactly(v1, v2);
    assertThat(statuses).containsExactly("ACTION_REQUIRED", "READY");
  }

  private static S3Event event(String version, String sequencer, String time) {
    String json = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
        + "\"eventTime\":\"" + time + "\",\"eventName\":\"ObjectCreated:Put\","
        + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\"" + BUCKET + "\"},"
        + "\"object\":{\"key\":\"" + KEY + "\",\"size\":12000,\"eTag\":\"e-" + version + "\",\"versionId\":\""
        + version + "\",\"sequencer\":\"" + sequencer + "\"}}}]}";
    return LambdaEventSerializers.serializerFor(S3Event.class, DuplicatesAndOrderTest.class.getClassLoader())
        .fromJson(json);
  }
}
