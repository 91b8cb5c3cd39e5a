package dev.intake.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.pipeline.Notification;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.WorkflowInput;
import dev.intake.rules.RuleGroup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowTaskHandlersTest {

  @Test
  void prerequisitesHandler_streamedInput_writesResultAndReturnsReference() throws Exception {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();
    f.intake().handleRequest(Events.s3("test-events/s3-put.json"), null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    new PrerequisitesHandler(f.checks(RuleGroup.PREREQUISITES)).handleRequest(
        new ByteArrayInputStream(Events.json("test-events/workflow/check-input.json").toString()
            .getBytes(StandardCharsets.UTF_8)), out, null);

    JsonNode result = PipelineJson.tree(out.toByteArray());
    assertThat(result.path("group").asText()).isEqualTo("PREREQUISITES");
    assertThat(result.path("blockers").asInt()).isZero();
    assertThat(result.path("result").path("findings").isArray()).as("a small result travels inline").isTrue();
    assertThat(result.has("key")).isFalse();
  }

  @Test
  void checkHandler_resultTooLargeForTheState_goesThroughS3() {
    HandlerFixture f = new HandlerFixture();
    dev.intake.testing.WorkbookBuilder many = dev.intake.testing.WorkbookBuilder.ready(HandlerFixture.AS_OF);
    for (int i = 0; i < 400; i++) {
      many.certification("Person " + i, "Developer – Associate", "EXP-" + i, HandlerFixture.AS_OF.minusDays(1));
    }
    f.objects.put(HandlerFixture.BUCKET, HandlerFixture.KEY, many.build());
    f.intake().handleRequest(Events.s3("test-events/s3-put.json"), null);

    JsonNode result = new PrerequisitesHandler(f.checks(RuleGroup.PREREQUISITES))
        .handle(Events.json("test-events/workflow/check-input.json"));

    assertThat(result.has("result")).isFalse();
    assertThat(result.path("warnings").asInt()).isEqualTo(400);
    assertThat(PipelineJson.readResult(f.objects.get(HandlerFixture.BUCKET, result.path("key").asText())
        .orElseThrow()).findings()).hasSize(400);
  }

  @Test
  void checkHandlers_eachGroup_reportsOnlyItsOwnRules() {
    HandlerFixture f = new HandlerFixture();
    f.objects.put(HandlerFixture.BUCKET, HandlerFixture.KEY, dev.intake.testing.WorkbookBuilder
        .ready(HandlerFixture.AS_OF)
        .profile(dev.intake.model.ProfileField.PARTNER_TIER, "Select")
        .build());
    f.intake().handleRequest(Events.s3("test-events/s3-put.json"), null);
    JsonNode input = Events.json("test-events/workflow/check-input.json");

    JsonNode prerequisites = new PrerequisitesHandler(f.checks(RuleGroup.PREREQUISITES)).handle(input);
    JsonNode caseStudies = new CaseStudiesHandler(f.checks(RuleGroup.CASE_STUDIES)).handle(input);
    JsonNode publicUrls = new PublicUrlsHandler(f.checks(RuleGroup.PUBLIC_URLS)).handle(input);

    assertThat(prerequisites.path("blockers").asInt()).isEqualTo(1);
    assertThat(caseStudies.path("blockers").asInt()).isZero();
    assertThat(publicUrls.path("blockers").asInt()).isZero();
  }

  @Test
  void checkHandler_inputWithoutSubmissionId_failsLoudly() {
    HandlerFixture f = new HandlerFixture();

    assertThatThrownBy(() -> new CaseStudiesHandler(f.checks(RuleGroup.CASE_STUDIES))
        .handle(Events.json("test-events/workflow/check-input-bad.json")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("submissionId");
  }

  @Test
  void aggregateHandler_afterChecks_storesVerdictReportsAndNotification() {
    HandlerFixture f = new HandlerFixture();

    JsonNode notification = f.evaluateSample();

    assertThat(notification.path("status").asText()).isEqualTo("READY");
    assertThat(notification.path("subject").asText()).isEqualTo("Competency intake: READY - P-1001 (0 blockers)");
    JsonNode message = PipelineJson.tree(Notification.defaultOf(notification.path("message").asText())
        .getBytes(StandardCharsets.UTF_8));
    assertThat(message.path("links").path("findings").asText())
        .isEqualTo("https://api.example/v1/submissions/" + HandlerFixture.SUBMISSION + "/findings");
    assertThat(Notification.emailOf(notification.path("message").asText()))
        .contains("Northwind Cloud Consulting Ltd [P-1001]: READY", "Reply due:  2026-11-06",
            "Findings:   https://api.example/v1/submissions/" + HandlerFixture.SUBMISSION + "/findings");
    assertThat(Notification.emailOf(notification.path("partnerMessage").asText()))
        .contains("Your AWS DevOps Competency self-assessment was checked: READY.")
        .doesNotContain("reviewer role");
    assertThat(f.store.get(HandlerFixture.SUBMISSION).orElseThrow().status()).isEqualTo(SubmissionStatus.READY);
    assertThat(f.objects.get(HandlerFixture.BUCKET, WorkflowInput.reportKey(HandlerFixture.SUBMISSION))).isPresent();
    assertThat(f.objects.get(HandlerFixture.BUCKET, WorkflowInput.annotatedKey(HandlerFixture.SUBMISSION)))
        .isPresent();
  }

  @Test
  void aggregateHandler_retried_savesOnceAndReturnsSameNotification() {
    HandlerFixture f = new HandlerFixture();
    JsonNode first = f.evaluateSample();
    JsonNode state = Events.json("test-events/workflow/aggregate-input.json");

    JsonNode again = f.aggregate().handle(state);

    assertThat(again).isEqualTo(first);
    assertThat(f.store.evaluationsSaved).isEqualTo(1);
  }

  @Test
  void failureHandler_nonTerminalSubmission_isMarkedFailedWithCause() {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();
    f.intake().handleRequest(Events.s3("test-events/s3-put.json"), null);

    JsonNode out = f.failure().handle(Events.json("test-events/workflow/failure-input.json"));

    assertThat(out.path("marked").asBoolean()).isTrue();
    assertThat(f.store.get(HandlerFixture.SUBMISSION).orElseThrow().failure())
        .contains("StoreUnavailableException").contains("DynamoDB unreachable");
  }

  @Test
  void failureHandler_nonTerminalSubmission_returnsTheNotificationOfTheFailure() {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();
    f.intake().handleRequest(Events.s3("test-events/s3-put.json"), null);

    JsonNode out = f.failure().handle(Events.json("test-events/workflow/failure-input.json"));

    assertThat(out.path("status").asText()).isEqualTo("FAILED");
    assertThat(out.path("subject").asText()).isEqualTo("Competency intake: FAILED - P-1001 (not evaluated)");
    JsonNode message = PipelineJson.tree(Notification.defaultOf(out.path("message").asText())
        .getBytes(StandardCharsets.UTF_8));
    assertThat(message.path("submissionId").asText()).isEqualTo(HandlerFixture.SUBMISSION);
    assertThat(message.path("partner").path("id").asText()).isEqualTo("P-1001");
    assertThat(message.path("fileName").asText()).isEqualTo("ready.xlsx");
    assertThat(message.path("status").asText()).isEqualTo("FAILED");
    assertThat(message.path("failure").asText()).contains("DynamoDB unreachable");
    assertThat(message.path("links").path("submission").asText())
        .isEqualTo(HandlerFixture.API + "/submissions/" + HandlerFixture.SUBMISSION);
    assertThat(Notification.emailOf(out.path("partnerMessage").asText())).doesNotContain("DynamoDB unreachable");
  }

  @Test
  void notifications_failedAndEvaluated_shareTheMessageFields() {
    HandlerFixture evaluated = new HandlerFixture();
    JsonNode verdict = evaluated.evaluateSample();
    HandlerFixture failed = new HandlerFixture().withReadyWorkbook();
    failed.intake().handleRequest(Events.s3("test-events/s3-put.json"), null);

    JsonNode failure = failed.failure().handle(Events.json("test-events/workflow/failure-input.json"));

    List<String> verdictFields = new ArrayList<>();
    PipelineJson.tree(Notification.defaultOf(verdict.path("message").asText()).getBytes(StandardCharsets.UTF_8))
        .fieldNames().forEachRemaining(verdictFields::add);
    List<String> failureFields = new ArrayList<>();
    PipelineJson.tree(Notification.defaultOf(failure.path("message").asText()).getBytes(StandardCharsets.UTF_8))
        .fieldNames().forEachRemaining(failureFields::add);
    assertThat(failureFields).containsSubsequence(verdictFields).endsWith("failure");
  }

  @Test
  void failureHandler_afterVerdict_doesNotMoveStatusBack() {
    HandlerFixture f = new HandlerFixture();
    f.evaluateSample();

    JsonNode out = f.failure().handle(Events.json("test-events/workflow/failure-input.json"));

    assertThat(out.path("marked").asBoolean()).isFalse();
    assertThat(out.path("subject").isNull()).as("nothing to announce: the verdict was").isTrue();
    assertThat(f.store.get(HandlerFixture.SUBMISSION).orElseThrow().status()).isEqualTo(SubmissionStatus.READY);
  }

  @Test
  void failureHandler_lambdaErrorWithStackTrace_storesOnlyTheMessage() {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();
    f.intake().handleRequest(Events.s3("test-events/s3-put.json"), null);

    f.failure().handle(Events.json("test-events/workflow/failure-input-lambda-error.json"));

    assertThat(f.store.get(HandlerFixture.SUBMISSION).orElseThrow().failure())
        .isEqualTo("IllegalStateException: missing work object work/sub-arq2ekdndnf5rfhshz7awbflep/parsed.json")
        .doesNotContain("stackTrace", "AggregateService.java");
  }
}
