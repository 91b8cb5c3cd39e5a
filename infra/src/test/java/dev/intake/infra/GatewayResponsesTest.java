package dev.intake.infra;

import static dev.intake.infra.PipelineStackTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API Gateway's own error bodies are valid JSON in the API's error shape (issue 15, point 2).
 *
 * <p>A gateway response template is not VTL: API Gateway substitutes each variable as it is. The
 * values below are what AWS documents for them, made as hostile as they can be:
 * {@code $context.error.message} is free text (here with quotes and a backslash),
 * {@code messageString} is that text in quotes and nothing escaped, {@code validationErrorString}
 * quotes the caller's own input. A template that used any of them inside a JSON string breaks.
 */
class GatewayResponsesTest {

  private static final String MESSAGE = "User: arn:aws:sts::111122223333:assumed-role/x/\"quoted\" is not "
      + "authorized to perform: execute-api:Invoke on C:\\path";
  /** What AWS documents for each variable a gateway response template may hold. */
  private static final Map<String, String> DOCUMENTED = Map.of(
      "$context.error.message", MESSAGE,
      "$context.error.messageString", "\"" + MESSAGE + "\"",
      "$context.error.validationErrorString",
      "[instance value (\"it's \\\"x\\\"\") not found in enum (possible values: [\"ACCEPT\",\"REQUEST_CHANGES\"])]",
      "$context.requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
      "$context.extendedRequestId", "BQGojGAOoAMFcEw=",
      "$context.stage", "v1",
      "$context.apiId", "a1b2c3d4e5");
  private static final Pattern VARIABLE = Pattern.compile("\\$(context|stageVariables)\\.[A-Za-z.]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, String> templates;

  @BeforeAll
  static void synthesize() {
    templates = new TreeMap<>();
    Synth.defaults().ofType("AWS::ApiGateway::GatewayResponse").values().forEach(r -> templates.put(
        (String) r.get("ResponseType"), (String) map(r.get("ResponseTemplates")).get("application/json")));
  }

  @Test
  void gatewayResponses_types_coverRefusalsThrottlingAndEveryDefault() {
    assertThat(templates.keySet()).containsExactlyInAnyOrder("ACCESS_DENIED", "MISSING_AUTHENTICATION_TOKEN",
        "INVALID_SIGNATURE", "EXPIRED_TOKEN", "BAD_REQUEST_BODY", "BAD_REQUEST_PARAMETERS", "REQUEST_TOO_LARGE",
        "THROTTLED", "QUOTA_EXCEEDED", "INTEGRATION_TIMEOUT", "INTEGRATION_FAILURE", "DEFAULT_4XX", "DEFAULT_5XX");
  }

  @Test
  void gatewayResponses_everyVariable_isOneAwsDocuments() {
    templates.forEach((type, template) -> {
      Matcher m = VARIABLE.matcher(template);
      while (m.find()) {
        assertThat(m.group().equals("$context.error.responseType") || DOCUMENTED.containsKey(m.group()))
            .as(type + " uses " + m.group()).isTrue();
      }
    });
  }

  @Test
  void gatewayResponses_withDocumentedValuesSubstituted_areValidJson() {
    Map<String, String> invalid = new LinkedHashMap<>();
    templates.forEach((type, template) -> {
      try {
        JSON.readTree(substitute(template, type));
      } catch (JsonProcessingException e) {
        invalid.put(type, e.getOriginalMessage());
      }
    });
    assertThat(invalid).isEmpty();
  }

  @Test
  void gatewayResponses_body_isTheApisErrorShapeWithTheRequestId() throws Exception {
    for (Map.Entry<String, String> e : templates.entrySet()) {
      JsonNode body = JSON.readTree(substitute(e.getValue(), e.getKey()));
      assertThat(fields(body)).as(e.getKey()).containsExactly("code", "message", "requestId");
    }
  }

  @Test
  void gatewayResponses_code_isTheResponseType() throws Exception {
    for (Map.Entry<String, String> e : templates.entrySet()) {
      assertThat(JSON.readTree(substitute(e.getValue(), e.getKey())).path("code").asText()).isEqualTo(e.getKey());
    }
  }

  @Test
  void gatewayResponses_message_isAFixedSentencePerType() throws Exception {
    for (Map.Entry<String, String> e : templates.entrySet()) {
      assertThat(JSON.readTree(substitute(e.getValue(), e.getKey())).path("message").asText())
          .as(e.getKey()).isNotBlank().doesNotContain("authorized to perform");
    }
  }

  @Test
  void gatewayResponses_theOldTemplatesWithMessageString_wouldHaveFailedThisTest() {
    // The templates of the review's finding, substituted the same way: the test can tell.
    List<String> old = List.of(
        "{\"code\":\"$context.error.responseType\",\"message\":\"$context.error.messageString\"}",
        "{\"code\":\"BadRequest\",\"message\":\"$context.error.validationErrorString\"}");

    // then
    assertThat(old).allSatisfy(t -> assertThat(parses(substitute(t, "ACCESS_DENIED"))).isFalse());
  }

  private static String substitute(String template, String responseType) {
    String out = template.replace("$context.error.responseType", responseType);
    // Longest names first, so $context.error.messageString is not read as $context.error.message + "String".
    for (String variable : new TreeSet<>(DOCUMENTED.keySet()).descendingSet()) {
      out = out.replace(variable, DOCUMENTED.get(variable));
    }
    return out;
  }

  private static boolean parses(String json) {
    try {
      JSON.readTree(json);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
