package dev.intake.infra;

import static dev.intake.infra.PipelineStackTest.getAtt;
import static dev.intake.infra.PipelineStackTest.list;
import static dev.intake.infra.PipelineStackTest.map;
import static dev.intake.infra.PipelineStackTest.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.intake.contracts.RepositoryRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API against docs/openapi.yaml: routes, authorization, validation, stage. */
class ReviewerApiTest {

  private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head",
      "patch", "trace");

  private static Synth.Result synth;
  private static JsonNode openApi;
  /** Every method of the synthesized API, keyed "GET /submissions/{id}". */
  private static Map<String, Map<String, Object>> methods;

  @BeforeAll
  static void synthesize() throws IOException {
    synth = Synth.defaults();
    openApi = new ObjectMapper(new YAMLFactory())
        .readTree(RepositoryRoot.locate().resolve("docs/openapi.yaml").toFile());
    methods = synthesizedMethods();
  }

  @Test
  void openApi_everyPathAndMethod_existsInTheApiAndNothingElse() {
    // given
    Set<String> documented = new TreeSet<>(documentedOperations().keySet());

    // then
    assertThat(documented).hasSize(10);
    assertThat(new TreeSet<>(methods.keySet())).isEqualTo(documented);
  }

  @Test
  void methods_authorization_isAwsIamOnEveryOne() {
    assertThat(methods).isNotEmpty();
    methods.forEach((key, m) -> assertThat(m).as(key).containsEntry("AuthorizationType", "AWS_IAM"));
  }

  @Test
  void methods_integration_isALambdaProxyToTheApiFunctionsLiveAlias() {
    // given
    String alias = synth.logicalId(synth.stack().functions().api().alias());

    // then
    methods.forEach((key, m) -> {
      Map<String, Object> integration = map(m.get("Integration"));
      assertThat(integration).as(key).containsEntry("Type", "AWS_PROXY").containsEntry("IntegrationHttpMethod", "POST");
      assertThat(String.valueOf(integration.get("Uri"))).as(key).contains(String.valueOf(ref(alias)));
    });
  }

  @Test
  void methods_requestParameters_areTheOnesTheDocumentDeclares() {
    documentedOperations().forEach((key, operation) -> {
      // given
      Map<String, Object> expected = new TreeMap<>();
      for (JsonNode p : parameters(operation)) {
        String in = p.path("in").asText();
        String location = "query".equals(in) ? "querystring" : in;
        expected.put("method.request." + location + "." + p.path("name").asText(), p.path("required").asBoolean());
      }

      // when
      Object actual = methods.get(key).get("RequestParameters");

      // then
      assertThat(actual == null ? Map.of() : new TreeMap<>(map(actual))).as(key).isEqualTo(expected);
    });
  }

  @Test
  void methods_withParameters_areValidated() {
    // given
    Map<String, Map<String, Object>> validators = synth.ofType("AWS::ApiGateway::RequestValidator");

    // then
    methods.forEach((key, m) -> {
      if (m.containsKey("RequestParameters")) {
        String validator = (String) map(m.get("RequestValidatorId")).get("Ref");
        assertThat(validators.get(validator)).as(key).containsEntry("ValidateRequestParameters", true);
      }
    });
  }

  @Test
  void postDecisions_body_isValidatedAgainstTheDocumentsDecisionRequestSchema() {
    assertBodyValidatedAgainst("POST /submissions/{id}/decisions", "DecisionRequest");
  }

  @Test
  void postUploads_body_isValidatedAgainstTheDocumentsUploadRequestSchema() {
    assertBodyValidatedAgainst("POST /uploads", "UploadRequest");
  }

  private static void assertBodyValidatedAgainst(String method, String schemaName) {
    // given
    Map<String, Object> post = methods.get(method);
    String modelId = (String) map(map(post.get("RequestModels")).get("application/json")).get("Ref");
    String validatorId = (String) map(post.get("RequestValidatorId")).get("Ref");
    JsonNode documented = openApi.at("/components/schemas/" + schemaName);

    // when
    Map<String, Object> schema = map(synth.ofType("AWS::ApiGateway::Model").get(modelId).get("Schema"));
    Map<String, Object> properties = map(schema.get("properties"));

    // then
    assertThat(synth.ofType("AWS::ApiGateway::RequestValidator").get(validatorId))
        .containsEntry("ValidateRequestBody", true);
    assertThat(schema).containsEntry("type", "object")
        .containsEntry("additionalProperties", documented.path("additionalProperties").asBoolean());
    assertThat(list(schema.get("required"))).containsExactlyInAnyOrderElementsOf(texts(documented.path("required")));
    assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(fieldNames(documented.path("properties")));
    documented.path("properties").fields().forEachRemaining(e -> {
      Map<String, Object> property = map(properties.get(e.getKey()));
      JsonNode doc = e.getValue();
      assertThat(property.get("type")).as(e.getKey()).isEqualTo(doc.path("type").asText());
      if (doc.has("enum")) {
        assertThat(list(property.get("enum"))).as(e.getKey()).isEqualTo(List.copyOf(texts(doc.path("enum"))));
      }
      if (doc.has("pattern")) {
        assertThat(property.get("pattern")).as(e.getKey()).isEqualTo(doc.path("pattern").asText());
      }
      for (String bound : List.of("minLength", "maxLength", "minimum", "maximum")) {
        if (doc.has(bound)) {
          assertThat(((Number) property.get(bound)).longValue()).as(e.getKey() + "." + bound)
              .isEqualTo(doc.path(bound).asLong());
        }
      }
    });
  }

  @Test
  void submissionIdPattern_ofThePartnerPolicy_isTheDocumentsIdLength() {
    // The partner policy spells {id} as sub- and one '?' per character (ReviewerRestApi.SUBMISSION_ID_PATTERN).
    assertThat(openApi.at("/components/parameters/SubmissionId/schema/pattern").asText())
        .isEqualTo("^sub-[a-z2-7]{" + (ReviewerRestApi.SUBMISSION_ID_PATTERN.length() - 4) + "}$");
  }

  @Test
  void stage_v1_hasThrottlingExecutionLoggingTracingAndJsonAccessLogs() throws IOException {
    // given
    Map<String, Object> stage = synth.ofType("AWS::ApiGateway::Stage").values().iterator().next();
    Map<String, Object> settings = map(list(stage.get("MethodSettings")).get(0));
    Map<String, Object> accessLog = map(stage.get("AccessLogSetting"));

    // when
    JsonNode format = new ObjectMapper().readTree(String.valueOf(accessLog.get("Format")));

    // then
    assertThat(stage).containsEntry("StageName", "v1").containsEntry("TracingEnabled", true);
    assertThat(settings).containsEntry("HttpMethod", "*").containsEntry("ResourcePath", "/*")
        .containsEntry("LoggingLevel", "ERROR").containsEntry("DataTraceEnabled", false)
        .containsEntry("ThrottlingRateLimit", ReviewerRestApi.RATE_LIMIT)
        .containsEntry("ThrottlingBurstLimit", ReviewerRestApi.BURST_LIMIT);
    assertThat(accessLog.get("DestinationArn"))
        .isEqualTo(getAtt(synth.logicalId(synth.stack().api().accessLog()), "Arn"));
    assertThat(format.has("requestId")).isTrue();
    assertThat(format.has("caller")).isTrue();
    assertThat(format.has("status")).isTrue();
  }

  // --- helpers --------------------------------------------------------------------------------

  /** "METHOD /path" → the operation node, for every operation of docs/openapi.yaml. */
  private static Map<String, JsonNode> documentedOperations() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (HTTP_METHODS.contains(op.getKey())) {
        out.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
      }
    }));
    return out;
  }

  /** An operation's parameters with {@code $ref}s to components resolved. */
  private static List<JsonNode> parameters(JsonNode operation) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : operation.path("parameters")) {
      if (p.has("$ref")) {
        out.add(openApi.at(p.path("$ref").asText().substring(1)));
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Every AWS::ApiGateway::Method, keyed by verb and full resource path; not the console's CORS
   * preflights (OPTIONS, answered by API Gateway itself: ConsoleHostingTest holds them).
   */
  private static Map<String, Map<String, Object>> synthesizedMethods() {
    Map<String, Map<String, Object>> resources = synth.ofType("AWS::ApiGateway::Resource");
    Map<String, Map<String, Object>> out = new TreeMap<>();
    synth.ofType("AWS::ApiGateway::Method").values().stream().filter(m -> !"OPTIONS".equals(m.get("HttpMethod")))
        .forEach(m -> out.put(m.get("HttpMethod") + " " + path(m.get("ResourceId"), resources), m));
    return out;
  }

  private static String path(Object resourceId, Map<String, Map<String, Object>> resources) {
    Map<String, Object> id = map(resourceId);
    if (id.containsKey("Fn::GetAtt")) {
      return "";
    }
    Map<String, Object> resource = resources.get((String) id.get("Ref"));
    return path(resource.get("ParentId"), resources) + "/" + resource.get("PathPart");
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> out = new LinkedHashSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Set<String> fieldNames(JsonNode object) {
    Set<String> out = new TreeSet<>();
    Iterator<String> names = object.fieldNames();
    names.forEachRemaining(out::add);
    return out;
  }
}
