package dev.intake.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.api.CallerResolver;
import dev.intake.api.ExecutionHistory;
import dev.intake.api.ReviewerApi;
import dev.intake.api.TemplateService;
import dev.intake.api.UploadLinks;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.Submission;
import dev.intake.testing.ForwardingSubmissionStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ApiHandlerTest {

  static Stream<Arguments> routes() {
    return Stream.of(
        Arguments.of("test-events/api/list-submissions.json", 200, null),
        Arguments.of("test-events/api/get-submission.json", 200, null),
        Arguments.of("test-events/api/get-findings.json", 200, null),
        Arguments.of("test-events/api/get-report.json", 200, null),
        Arguments.of("test-events/api/get-history.json", 200, null),
        Arguments.of("test-events/api/list-decisions.json", 200, null),
        Arguments.of("test-events/api/post-decision.json", 201, null),
        Arguments.of("test-events/api/get-template.json", 200, null),
        Arguments.of("test-events/api/get-submission-bad-id.json", 400, "INVALID_ID"),
        Arguments.of("test-events/api/get-submission-unknown.json", 404, "NOT_FOUND"),
        Arguments.of("test-events/api/list-submissions-bad-limit.json", 400, "INVALID_LIMIT"),
        Arguments.of("test-events/api/list-submissions-bad-token.json", 400, "INVALID_TOKEN"),
        Arguments.of("test-events/api/post-decision-no-comment.json", 400, "INVALID_COMMENT"),
        Arguments.of("test-events/api/post-decision-not-json.json", 400, "INVALID_BODY"),
        Arguments.of("test-events/api/partner-get-own-submission.json", 200, null),
        Arguments.of("test-events/api/partner-get-foreign-submission.json", 404, "NOT_FOUND"),
        Arguments.of("test-events/api/partner-list-foreign.json", 403, "FORBIDDEN"),
        Arguments.of("test-events/api/partner-post-decision.json", 403, "FORBIDDEN"),
        Arguments.of("test-events/api/unknown-principal.json", 403, "FORBIDDEN"),
        Arguments.of("test-events/api/partner-unassigned-list.json", 403, "FORBIDDEN"),
        Arguments.of("test-events/api/reviewer-list-unassigned.json", 200, null),
        Arguments.of("test-events/api/partner-post-upload.json", 200, null),
        Arguments.of("test-events/api/partner-post-upload-bad-name.json", 400, "INVALID_FILE_NAME"),
        Arguments.of("test-events/api/partner-post-upload-too-large.json", 413, "TOO_LARGE"),
        Arguments.of("test-events/api/reviewer-post-upload.json", 403, "FORBIDDEN"),
        Arguments.of("test-events/api/delete-submission.json", 405, "METHOD_NOT_ALLOWED"),
        Arguments.of("test-events/api/put-decisions.json", 405, "METHOD_NOT_ALLOWED"),
        Arguments.of("test-events/api/get-submission-bad-escape.json", 400, "INVALID_ID"),
        Arguments.of("test-events/api/list-submissions-bad-escape-limit.json", 400, "INVALID_LIMIT"),
        Arguments.of("test-events/api/list-submissions-double-slash.json", 404, "NOT_FOUND"),
        Arguments.of("test-events/api/list-submissions-repeated-parameter.json", 400, "INVALID_QUERY"),
        Arguments.of("test-events/api/post-decision-not-utf8.json", 400, "INVALID_BODY"),
        Arguments.of("test-events/api/post-decision-lowercase-action.json", 400, "INVALID_ACTION"),
        Arguments.of("test-events/api/partner-post-upload-repeated-field.json", 400, "INVALID_BODY"),
        Arguments.of("test-events/api/partner-post-upload-trailing-text.json", 400, "INVALID_BODY"));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("routes")
  void api_sampleEvent_answersWithStatusAndJsonError(String event, int status, String code) {
    HandlerFixture f = new HandlerFixture();
    f.evaluateSample();

    APIGatewayProxyResponseEvent response = f.api().handleRequest(Events.api(event), null);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    JsonNode body = PipelineJson.tree(response.getBody().getBytes(StandardCharsets.UTF_8));
    if (code != null) {
      assertThat(body.path("code").asText()).isEqualTo(code);
      assertThat(body.path("message").asText()).isNotBlank();
    }
  }

  @ParameterizedTest(name = "{0} → Allow: {1}")
  @CsvSource(delimiter = '|', value = {
      "test-events/api/delete-submission.json | GET",
      "test-events/api/put-decisions.json | GET, POST"})
  void api_methodTheRouteDoesNotTake_is405WithAllowNamingTheMethodsItTakes(String event, String allow) {
    HandlerFixture f = new HandlerFixture();

    APIGatewayProxyResponseEvent response = f.api().handleRequest(Events.api(event), null);

    assertThat(response.getStatusCode()).isEqualTo(405);
    assertThat(response.getHeaders()).containsEntry("Allow", allow).containsEntry("Content-Type", "application/json");
  }

  @Test
  void api_answersOtherThan405_carryNoAllow() {
    HandlerFixture f = new HandlerFixture();

    APIGatewayProxyResponseEvent response =
        f.api().handleRequest(Events.api("test-events/api/list-submissions-double-slash.json"), null);

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(response.getHeaders()).doesNotContainKey("Allow");
  }

  @Test
  void postUploads_partner_getsAPresignedPutUnderItsOwnFolder() {
    HandlerFixture f = new HandlerFixture();

    APIGatewayProxyResponseEvent response =
        f.api().handleRequest(Events.api("test-events/api/partner-post-upload.json"), null);

    JsonNode link = PipelineJson.tree(response.getBody().getBytes(StandardCharsets.UTF_8));
    assertThat(link.path("method").asText()).isEqualTo("PUT");
    assertThat(link.path("key").asText()).isEqualTo("incoming/P-1001/self-assessment 2026 (v2).xlsx");
    assertThat(link.path("headers").path("Content-Length").asText()).isEqualTo("48213");
    assertThat(f.uploads.requests()).singleElement().satisfies(r -> {
      assertThat(r.bucket()).isEqualTo(HandlerFixture.BUCKET);
      assertThat(r.contentType()).isEqualTo(UploadLinks.XLSX);
    });
  }

  @Test
  void getFindings_evaluatedSubmission_returnsTheReportContract() {
    HandlerFixture f = new HandlerFixture();
    f.evaluateSample();

    APIGatewayProxyResponseEvent response = f.api().handleRequest(Events.api("test-events/api/get-findings.json"),
        null);

    JsonNode report = PipelineJson.tree(response.getBody().getBytes(StandardCharsets.UTF_8));
    assertThat(report.fieldNames()).toIterable().containsExactly("submissionId", "partner", "checklistVersion", "asOf",
        "status", "summary", "findings");
    assertThat(report.path("status").asText()).isEqualTo("READY");
    assertThat(report.path("partner").path("id").asText()).isEqualTo("P-1001");
  }

  @Test
  void postDecision_thenList_keepsTheAuditTrail() {
    HandlerFixture f = new HandlerFixture();
    f.evaluateSample();

    f.api().handleRequest(Events.api("test-events/api/post-decision.json"), null);
    APIGatewayProxyResponseEvent list = f.api().handleRequest(Events.api("test-events/api/list-decisions.json"), null);

    JsonNode items = PipelineJson.tree(list.getBody().getBytes(StandardCharsets.UTF_8)).path("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("action").asText()).isEqualTo("ACCEPT");
    assertThat(items.get(0).path("reviewer").asText()).contains("competency-reviewer");
  }

  @Test
  void api_queryParameterGivenTwice_is400NamingItRatherThanTakingOneValue() {
    HandlerFixture f = new HandlerFixture();
    f.evaluateSample();

    APIGatewayProxyResponseEvent response =
        f.api().handleRequest(Events.api("test-events/api/list-submissions-repeated-parameter.json"), null);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(PipelineJson.tree(response.getBody().getBytes(StandardCharsets.UTF_8)).path("message").asText())
        .isEqualTo("The query gives 'review' more than once; give each parameter once.");
  }

  @Test
  void postDecision_base64BodyThatIsNotUtf8_is400NamingTheByteAndRecordsNothing() {
    HandlerFixture f = new HandlerFixture();
    f.evaluateSample();

    APIGatewayProxyResponseEvent response =
        f.api().handleRequest(Events.api("test-events/api/post-decision-not-utf8.json"), null);
    APIGatewayProxyResponseEvent list = f.api().handleRequest(Events.api("test-events/api/list-decisions.json"), null);

    assertThat(response.getStatusCode()).isEqualTo(400);
    // {"action":"REQUEST_CHANGES","comment":"bad is 42 bytes; the 43rd is 0xFF.
    assertThat(PipelineJson.tree(response.getBody().getBytes(StandardCharsets.UTF_8)).path("message").asText())
        .isEqualTo("The body is not valid UTF-8 (byte 43 of 50).");
    assertThat(PipelineJson.tree(list.getBody().getBytes(StandardCharsets.UTF_8)).path("items")).isEmpty();
  }

  @Test
  void postDecision_bodyOver64Kilobytes_isRefusedWith413() {
    HandlerFixture f = new HandlerFixture();
    f.evaluateSample();
    APIGatewayProxyRequestEvent event = Events.api("test-events/api/post-decision.json");
    event.setBody("{\"action\":\"ACCEPT\",\"comment\":\"" + "x".repeat(70_000) + "\"}");

    APIGatewayProxyResponseEvent response = f.api().handleRequest(event, null);

    assertThat(response.getStatusCode()).isEqualTo(413);
  }

  @Test
  void api_storeFailsUnexpectedly_is500JsonWithoutInternals() {
    HandlerFixture f = new HandlerFixture();
    f.evaluateSample();
    var broken = new ForwardingSubmissionStore(f.store) {
      @Override
      public Optional<Submission> get(String submissionId) {
        throw new IllegalStateException("table competency-intake-secret is gone");
      }
    };
    ApiHandler api = new ApiHandler(new ReviewerApi(broken, f.objects,
        new TemplateService(f.objects, HandlerFixture.BUCKET, f.checklist), ExecutionHistory.NONE,
        new UploadLinks(f.uploads, HandlerFixture.BUCKET, f.clock), f.clock),
        CallerResolver.of("competency-reviewer", "competency-partner-"));

    APIGatewayProxyResponseEvent response = api.handleRequest(Events.api("test-events/api/get-submission.json"), null);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    assertThat(PipelineJson.tree(response.getBody().getBytes(StandardCharsets.UTF_8)).path("code").asText())
        .isEqualTo("INTERNAL");
    assertThat(response.getBody()).doesNotContain("competency-intake-secret");
  }

  @Test
  void cors_requestFromTheConsoleOrigin_answerAllowsIt() {
    HandlerFixture f = new HandlerFixture();
    APIGatewayProxyRequestEvent event = Events.api("test-events/api/list-submissions.json");
    event.setHeaders(new java.util.HashMap<>(Optional.ofNullable(event.getHeaders()).orElse(java.util.Map.of())));
    event.getHeaders().put("origin", "https://d111111abcdef8.cloudfront.net");

    APIGatewayProxyResponseEvent response = f.api("https://d111111abcdef8.cloudfront.net").handleRequest(event, null);

    assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", "https://d111111abcdef8.cloudfront.net")
        .containsEntry("Vary", "Origin");
  }

  @Test
  void cors_requestFromAnotherOrigin_answerDoesNotAllowIt() {
    HandlerFixture f = new HandlerFixture();
    APIGatewayProxyRequestEvent event = Events.api("test-events/api/list-submissions.json");
    event.setHeaders(new java.util.HashMap<>(Optional.ofNullable(event.getHeaders()).orElse(java.util.Map.of())));
    event.getHeaders().put("Origin", "https://evil.example");

    APIGatewayProxyResponseEvent withConsole = f.api("https://d111111abcdef8.cloudfront.net").handleRequest(event, null);
    APIGatewayProxyResponseEvent withoutConsole = f.api().handleRequest(event, null);

    assertThat(withConsole.getStatusCode()).isEqualTo(200);
    assertThat(withConsole.getHeaders()).doesNotContainKey("Access-Control-Allow-Origin");
    assertThat(withoutConsole.getHeaders()).doesNotContainKey("Access-Control-Allow-Origin").doesNotContainKey("Vary");
  }
}
