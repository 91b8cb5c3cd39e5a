package dev.intake.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.SubmissionIds;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.WorkflowInput;
import dev.intake.testing.InMemoryObjectStore;
import dev.intake.testing.UnversionedEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class IntakeHandlerTest {

  @ParameterizedTest
  @Event(value = "test-events/s3-put.json", type = S3Event.class)
  void intake_newUpload_storesSubmissionAndStartsOneWorkflow(S3Event event) {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();

    f.intake().handleRequest(event, null);

    assertThat(f.store.get(HandlerFixture.SUBMISSION)).get()
        .satisfies(s -> {
          assertThat(s.status()).isEqualTo(SubmissionStatus.EVALUATING);
          assertThat(s.partnerId()).isEqualTo("P-1001");
          assertThat(s.source().fileName()).isEqualTo("ready.xlsx");
          assertThat(s.asOf()).isEqualTo(HandlerFixture.AS_OF);
          assertThat(s.evaluation().partnerName()).isEqualTo("Northwind Cloud Consulting Ltd");
        });
    assertThat(f.workflow.started).containsOnlyKeys(HandlerFixture.SUBMISSION);
    JsonNode input = PipelineJson.tree(f.workflow.started.get(HandlerFixture.SUBMISSION)
        .getBytes(StandardCharsets.UTF_8));
    assertThat(input.path("readable").asBoolean()).isTrue();
    assertThat(input.path("versionId").asText()).isEqualTo("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
    assertThat(f.objects.get(HandlerFixture.BUCKET, WorkflowInput.workKey(HandlerFixture.SUBMISSION, "parsed.json")))
        .isPresent();
  }

  @ParameterizedTest
  @Event(value = "test-events/s3-put-duplicate.json", type = S3Event.class)
  void intake_sameEventThreeTimes_startsOneWorkflow(S3Event duplicate) {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();

    for (int i = 0; i < 3; i++) {
      f.intake().handleRequest(duplicate, null);
    }

    assertThat(f.workflow.started).hasSize(1);
    assertThat(f.workflow.calls).as("later deliveries find the submission under way").isEqualTo(1);
    assertThat(f.store.list(null, null, 100, null).items()).hasSize(1);
  }

  @ParameterizedTest
  @Event(value = "test-events/s3-put-oversized.json", type = S3Event.class)
  void intake_oversizedObject_isRejectedWithoutDownloading(S3Event event) {
    HandlerFixture f = new HandlerFixture();

    f.intake().handleRequest(event, null);

    String id = f.workflow.started.keySet().iterator().next();
    JsonNode input = PipelineJson.tree(f.workflow.started.get(id).getBytes(StandardCharsets.UTF_8));
    assertThat(input.path("readable").asBoolean()).isFalse();
    assertThat(new String(f.objects.get(HandlerFixture.BUCKET, WorkflowInput.workKey(id, "parsed.json")).orElseThrow(),
        StandardCharsets.UTF_8)).contains("file-too-large");
  }

  @ParameterizedTest
  @Event(value = "test-events/s3-put-folder.json", type = S3Event.class)
  void intake_folderPlaceholder_isIgnored(S3Event event) {
    HandlerFixture f = new HandlerFixture();

    f.intake().handleRequest(event, null);

    assertThat(f.workflow.started).isEmpty();
    assertThat(f.store.list(null, null, 10, null).items()).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "test-events/s3-put-url-encoded.json", type = S3Event.class)
  void intake_urlEncodedKey_isDecodedBeforeReading(S3Event event) {
    HandlerFixture f = new HandlerFixture();
    f.objects.put(HandlerFixture.BUCKET, "incoming/P-1001/self assessment (2).xlsx",
        dev.intake.testing.WorkbookBuilder.ready(HandlerFixture.AS_OF).build());

    f.intake().handleRequest(event, null);

    assertThat(f.store.list(null, null, 10, null).items()).singleElement()
        .satisfies(s -> assertThat(s.source().fileName()).isEqualTo("self assessment (2).xlsx"));
  }

  @ParameterizedTest
  @Event(value = "test-events/s3-put-outside-partner-folder.json", type = S3Event.class)
  void intake_uploadOutsidePartnerFolder_isEvaluatedAsUnassigned(S3Event event) {
    HandlerFixture f = new HandlerFixture();
    f.objects.put(HandlerFixture.BUCKET, "incoming/loose-file.xlsx",
        dev.intake.testing.WorkbookBuilder.ready(HandlerFixture.AS_OF).build());

    f.intake().handleRequest(event, null);

    assertThat(f.store.list(null, null, 10, null).items()).singleElement()
        .satisfies(s -> assertThat(s.partnerId()).isEqualTo("unassigned"));
  }

  @ParameterizedTest
  @Event(value = "test-events/s3-put.json", type = S3Event.class)
  void intake_objectGoneBeforeRead_startsItsWorkflowWithTheFailureToRecordAndAnnounce(S3Event event) {
    HandlerFixture f = new HandlerFixture();

    f.intake().handleRequest(event, null);

    assertThat(f.store.get(HandlerFixture.SUBMISSION)).get()
        .satisfies(s -> assertThat(s.status()).isEqualTo(SubmissionStatus.EVALUATING));
    JsonNode input = PipelineJson.tree(f.workflow.started.get(HandlerFixture.SUBMISSION)
        .getBytes(StandardCharsets.UTF_8));
    assertThat(input.path("error").path("Error").asText()).isEqualTo("ObjectMissing");
    assertThat(input.path("error").path("Cause").asText()).contains("no longer in the bucket");
    assertThat(f.objects.get(HandlerFixture.BUCKET, WorkflowInput.parsedKey(HandlerFixture.SUBMISSION))).isEmpty();
  }

  @Test
  void intake_versionIdLiteralNull_isUnversionedAndKeepsTheEvaluatedBytes() {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();
    byte[] uploaded = f.objects.get(HandlerFixture.BUCKET, HandlerFixture.KEY).orElseThrow();
    String id = SubmissionIds.submissionId(HandlerFixture.BUCKET, HandlerFixture.KEY,
        InMemoryObjectStore.eTag(uploaded) + "@0055AED6DCD90281F4");

    f.intake().handleRequest(UnversionedEvents.announcing(uploaded), null);

    assertThat(f.store.get(id)).get().satisfies(s -> assertThat(s.source().versionId()).isNull());
    assertThat(f.workflow.started.get(id)).doesNotContain("\"error\"");
    assertThat(f.objects.get(HandlerFixture.BUCKET, WorkflowInput.originalKey(id)))
        .as("the bytes evaluated, kept in case the key is overwritten")
        .contains(uploaded);
  }

  @Test
  void intake_unversionedKeyReplacedBeforeRead_isNotEvaluatedOnTheLaterBytes() {
    // given: the event announces one upload; the key already holds the next one's bytes
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();
    byte[] announced = "the bytes of the first upload".getBytes(StandardCharsets.UTF_8);
    String id = SubmissionIds.submissionId(HandlerFixture.BUCKET, HandlerFixture.KEY,
        InMemoryObjectStore.eTag(announced) + "@0055AED6DCD90281F4");

    // when
    f.intake().handleRequest(UnversionedEvents.announcing(announced), null);

    // then: this upload ends FAILED with its own reason, through its workflow; nothing was parsed
    JsonNode input = PipelineJson.tree(f.workflow.started.get(id).getBytes(StandardCharsets.UTF_8));
    assertThat(input.path("error").path("Error").asText()).isEqualTo("ObjectReplaced");
    assertThat(input.path("error").path("Cause").asText()).contains("replaced by a newer upload");
    assertThat(f.objects.get(HandlerFixture.BUCKET, WorkflowInput.parsedKey(id))).isEmpty();
    assertThat(f.objects.get(HandlerFixture.BUCKET, WorkflowInput.originalKey(id))).isEmpty();
  }

  @Test
  void intake_recordWithoutEventTime_isJudgedAsOfTheDayItArrives() {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();
    // The Lambda serializer cannot even read such a record, so it is built in code.
    var put = Events.s3("test-events/s3-put.json").getRecords().get(0);
    S3Event event = new S3Event(List.of(new S3EventNotification.S3EventNotificationRecord(put.getAwsRegion(),
        put.getEventName(), put.getEventSource(), null, put.getEventVersion(), put.getRequestParameters(),
        put.getResponseElements(), put.getS3(), put.getUserIdentity())));

    f.intake().handleRequest(event, null);

    assertThat(f.store.list(null, null, 10, null).items()).singleElement()
        .satisfies(s -> assertThat(s.asOf()).isEqualTo(HandlerFixture.AS_OF));
  }
}
