package dev.intake.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.aws.AwsClients;
import dev.intake.aws.ClientFactory;
import dev.intake.aws.DynamoDbSubmissionStore;
import dev.intake.aws.S3Connection;
import dev.intake.aws.SubmissionTableSetup;
import dev.intake.contracts.BucketLayout;
import dev.intake.contracts.LambdaEnvironment;
import dev.intake.contracts.RepositoryRoot;
import dev.intake.handlers.ApiHandler;
import dev.intake.handlers.DeadLetterHandler;
import dev.intake.handlers.IntakeHandler;
import dev.intake.handlers.JsonTaskHandler;
import dev.intake.infra.PipelineApp;
import dev.intake.infra.PipelineSettings;
import dev.intake.infra.PipelineStack;
import dev.intake.pipeline.Notification;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.SubmissionStore;
import dev.intake.testing.Dynalite;
import dev.intake.testing.S3ProxyServer;
import dev.intake.testing.SampleWorkbooks;
import dev.intake.testing.UnversionedEvents;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The CDK stack and the Lambda code agree on every function's environment: the stack is
 * synthesized, and each function's handler — the class its template names — is built the way the
 * Lambda runtime builds it (its family's wiring over the function's environment, and SDK clients
 * bounded by the function's call budget) from exactly the variables the template gives that
 * function, then run against dynalite, S3Proxy and a Step Functions stand-in. A variable the stack
 * forgets, misspells or points at the wrong resource fails here instead of on AWS; the local
 * runtime, which wires itself, could not notice.
 *
 * <p>CloudFormation references in the environment are resolved to the local stand-ins: the table to
 * this test's dynalite table, the bucket to the S3Proxy bucket, the state machine to {@link #STATE_MACHINE},
 * pseudo parameters and the REST API to fixed values. A reference to anything else fails the test,
 * so a new kind of value in a function's environment is noticed. The API is called as the
 * reviewer role the API function's environment names, which must be a role of the stack.
 */
class TemplateEnvironmentTest {

  /** The bucket the sample events name. */
  private static final String BUCKET = "competency-intake-local";
  private static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:Submission";
  private static final String REST_API_ID = "a1b2c3d4e5";
  private static final String PAGE_TOKEN_SECRET =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:PageTokenKey-AbCdEf";
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:program-office";
  private static final Map<String, String> PSEUDO_PARAMETERS = Map.of(
      "AWS::Region", "us-east-1",
      "AWS::URLSuffix", "amazonaws.com",
      "AWS::AccountId", "123456789012",
      "AWS::Partition", "aws");
  private static final String HANDLERS = "dev.intake.handlers.";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T09:31:00Z"), ZoneOffset.UTC);

  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  private static Map<String, Map<String, Object>> resources;
  private static StepFunctionsStandIn stepFunctions;
  private static SecretsManagerStandIn secrets;
  private static SnsStandIn sns;
  private static AwsClients clients;
  private static String table;
  private static byte[] workbook;

  private final Set<String> ran = new LinkedHashSet<>();
  /** The principal the API calls are made as. */
  private String reviewer;
  /** Each function's own clients, bounded by its call budget. */
  private final List<AwsClients> opened = new ArrayList<>();

  @AfterEach
  void closeFunctionClients() {
    opened.forEach(AwsClients::close);
  }

  @BeforeAll
  static void synthesizeAndStart() throws Exception {
    Path root = RepositoryRoot.locate();
    App app = PipelineApp.newApp(root, Map.of(), root.resolve("system-tests/target/cdk"));
    PipelineStack stack = PipelineApp.addPipeline(app, PipelineSettings.fromContext(app.getNode(), root));
    resources = resourcesOf(Template.fromStack(stack).toJSON());

    S3.createBucket(BUCKET);
    stepFunctions = new StepFunctionsStandIn();
    secrets = new SecretsManagerStandIn(PAGE_TOKEN_SECRET, "generated-at-deploy-0123456789abcdefghijklmnopqrstuvwxyz");
    sns = new SnsStandIn();
    clients = AwsClients.builder()
        .dynamoDbEndpoint(Dynalite.shared().endpoint())
        .s3Endpoint(S3.endpoint())
        .sfnEndpoint(stepFunctions.endpoint())
        .build();
    table = Dynalite.uniqueTableName("template");
    SubmissionTableSetup.create(clients.dynamoDb(), table);
    workbook = Files.readAllBytes(SampleWorkbooks.folder().resolve("ready.xlsx"));
    clients.s3().putObject(b -> b.bucket(BUCKET).key(BucketLayout.incomingKey("P-1001", "ready.xlsx")),
        RequestBody.fromBytes(workbook));
  }

  @AfterAll
  static void stop() {
    if (clients != null) {
      clients.close();
    }
    if (stepFunctions != null) {
      stepFunctions.close();
    }
    if (secrets != null) {
      secrets.close();
    }
    if (sns != null) {
      sns.close();
    }
  }

  @Test
  void everyFunction_withTheEnvironmentItsTemplateGivesIt_doesItsPartOfOneUpload() throws Exception {
    SubmissionStore store = new DynamoDbSubmissionStore(clients.dynamoDb(), table);

    // intake: reads the upload, stores the submission, starts the workflow the template names
    IntakeHandler intake = handler("IntakeHandler");
    intake.handleRequest(UnversionedEvents.announcing(workbook), null);
    List<StepFunctionsStandIn.Call> starts = stepFunctions.calls("StartExecution");
    assertThat(starts).hasSize(1);
    assertThat(starts.get(0).body().path("stateMachineArn").asText()).isEqualTo(STATE_MACHINE);
    ObjectNode state = (ObjectNode) PipelineJson.mapper().readTree(starts.get(0).body().path("input").asText());
    String id = state.path("submissionId").asText();
    assertThat(store.get(id)).map(Submission::status).contains(SubmissionStatus.EVALUATING);

    // the three check groups read the parsed workbook intake wrote to the bucket
    ArrayNode checks = state.putArray("checks");
    for (String check : List.of("PrerequisitesHandler", "CaseStudiesHandler", "PublicUrlsHandler")) {
      JsonNode result = ((JsonTaskHandler) handler(check)).handle(state);
      assertThat(result.path("blockers").asInt(-1)).as(check).isZero();
      checks.add(result);
    }

    // aggregate: stores the verdict and links the notification to the API the template names
    JsonNode notification = ((JsonTaskHandler) handler("AggregateHandler")).handle(state);
    assertThat(notification.path("status").asText()).isEqualTo("READY");
    String apiBase = "https://" + REST_API_ID + ".execute-api.us-east-1.amazonaws.com/";
    assertThat(PipelineJson.mapper().readTree(Notification.defaultOf(notification.path("message").asText()))
        .path("links").path("submission").asText()).startsWith(apiBase).endsWith("/submissions/" + id);
    assertThat(store.get(id)).map(Submission::status).contains(SubmissionStatus.READY);

    // the API, called by the stack's reviewer role: the stored verdict, the template in the bucket, the
    // workflow's history
    String reviewerRole = environmentOf(handlerClasses().get("ApiHandler"))
        .get(LambdaEnvironment.REVIEWER_PRINCIPALS).split(",")[0].strip();
    assertThat(roleNames()).as("the API's reviewers are a role of the stack").contains(reviewerRole);
    reviewer = "arn:aws:sts::123456789012:assumed-role/" + reviewerRole + "/alice";
    ApiHandler api = handler("ApiHandler");
    APIGatewayProxyResponseEvent submission = api.handleRequest(apiEvent("get-submission.json", "/submissions/"
        + id), null);
    assertThat(submission.getStatusCode()).as(submission.getBody()).isEqualTo(200);
    assertThat(PipelineJson.mapper().readTree(submission.getBody()).path("status").asText()).isEqualTo("READY");
    APIGatewayProxyResponseEvent template = api.handleRequest(apiEvent("get-template.json", "/template"), null);
    assertThat(template.getStatusCode()).as(template.getBody()).isEqualTo(200);
    assertThat(clients.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix(BucketLayout.TEMPLATES)).contents())
        .hasSize(1);
    APIGatewayProxyResponseEvent history = api.handleRequest(apiEvent("get-history.json", "/submissions/" + id
        + "/history"), null);
    assertThat(history.getStatusCode()).as(history.getBody()).isEqualTo(200);
    assertThat(PipelineJson.mapper().readTree(history.getBody()).path("events")).hasSize(2);
    assertThat(stepFunctions.calls("GetExecutionHistory")).extracting(c -> c.body().path("executionArn").asText())
        .containsExactly(STATE_MACHINE.replace(":stateMachine:", ":execution:") + ":" + id);

    // failure: the workflow's Catch target marks a submission in the template's table FAILED
    String failing = "sub-aaaaaaaaaaaaaaaaaaaaaaaaaa";
    store.create(Submission.received(failing, "P-1001", Submission.Source.UNKNOWN, CLOCK.instant(), null,
        CLOCK.instant()));
    ObjectNode failure = PipelineJson.mapper().createObjectNode()
        .put("submissionId", failing).put("partnerId", "P-1001").put("bucket", BUCKET)
        .put("key", BucketLayout.incomingKey("P-1001", "failing.xlsx")).put("fileName", "failing.xlsx")
        .put("asOf", "2026-11-01").put("error", "States.Timeout").put("cause", "template test");
    JsonNode notice = ((JsonTaskHandler) handler("FailureHandler")).handle(failure);
    assertThat(notice.path("marked").asBoolean()).isTrue();
    assertThat(PipelineJson.mapper().readTree(Notification.defaultOf(notice.path("message").asText())).path("links")
        .path("submission").asText()).as("the failure's notice links to the API the template names")
        .startsWith(apiBase);
    assertThat(store.get(failing)).map(Submission::status).contains(SubmissionStatus.FAILED);

    // the list route pages with tokens signed by the secret the template names; an edited one is refused
    APIGatewayProxyResponseEvent first = api.handleRequest(listEvent(Map.of("partnerId", "P-1001", "limit", "1")),
        null);
    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(200);
    String token = PipelineJson.mapper().readTree(first.getBody()).path("nextToken").asText();
    APIGatewayProxyResponseEvent second = api.handleRequest(listEvent(Map.of("partnerId", "P-1001", "limit", "1",
        "nextToken", token)), null);
    assertThat(second.getStatusCode()).as(second.getBody()).isEqualTo(200);
    assertThat(PipelineJson.mapper().readTree(second.getBody()).path("items")).hasSize(1);
    String edited = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
    APIGatewayProxyResponseEvent refused = api.handleRequest(listEvent(Map.of("partnerId", "P-1001", "limit", "1",
        "nextToken", edited)), null);
    assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(400);
    assertThat(secrets.asked()).isNotEmpty().allMatch(PAGE_TOKEN_SECRET::equals);

    // re-drive, last attempt at an upload intake never took: asks the template's workflow, stores FAILED
    DeadLetterHandler redrive = handler("DeadLetterHandler");
    var response = redrive.handleRequest(
        EventLoader.loadSQSEvent("test-events/sqs-intake-dead-letter-last-attempt.json"), null);
    assertThat(response.getBatchItemFailures()).isEmpty();
    List<StepFunctionsStandIn.Call> described = stepFunctions.calls("DescribeExecution");
    assertThat(described).hasSize(1);
    String redriven = described.get(0).body().path("executionArn").asText();
    assertThat(redriven).startsWith(STATE_MACHINE.replace(":stateMachine:", ":execution:") + ":");
    List<StepFunctionsStandIn.Call> redriveStarts = stepFunctions.calls("StartExecution");
    assertThat(redriveStarts).as("the re-drive started the template's workflow to record the failure")
        .hasSize(2);
    assertThat(redriveStarts.get(1).body().path("stateMachineArn").asText()).isEqualTo(STATE_MACHINE);
    assertThat(redriveStarts.get(1).body().path("name").asText()).isEqualTo(redriven.substring(
        redriven.lastIndexOf(':') + 1));
    assertThat(PipelineJson.mapper().readTree(redriveStarts.get(1).body().path("input").asText())
        .path("error").path("Error").asText()).isEqualTo("RetriesExhausted");

    // the daily digest: reads the template's table, publishes to the program office's topic
    JsonNode digest = ((JsonTaskHandler) handler("DigestHandler")).handle(PipelineJson.mapper().createObjectNode());
    assertThat(digest.path("day").asText()).isEqualTo("2026-11-01");
    assertThat(sns.published()).singleElement().satisfies(p -> {
      assertThat(p).containsEntry("TopicArn", TOPIC).containsEntry("MessageStructure", "json");
      assertThat(PipelineJson.mapper().readTree(p.get("Message")).path("email").asText())
          .contains("daily digest for 2026-11-01").contains("https://" + REST_API_ID + ".execute-api.");
    });

    // every function of the stack was run, and nothing else
    assertThat(ran).containsExactlyInAnyOrderElementsOf(handlerClasses().keySet());
  }

  @Test
  void templateEnvironment_everyVariable_isOneTheCodeNames() throws Exception {
    // given: the names LambdaEnvironment holds, which the code reads
    Set<String> known = new LinkedHashSet<>();
    for (Field field : LambdaEnvironment.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        known.add((String) field.get(null));
      }
    }

    // when
    Map<String, Set<String>> names = new TreeMap<>();
    handlerClasses().forEach((handler, function) -> names.put(handler, environmentOf(function).keySet()));

    // then: a variable spelled otherwise on the CDK side would be ignored, and its default used
    names.forEach((handler, variables) -> assertThat(variables).as(handler).isSubsetOf(known));
  }

  // ---------------------------------------------------------------- the template

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> resourcesOf(Map<String, Object> template) {
    return (Map<String, Map<String, Object>>) template.get("Resources");
  }

  /** Handler class simple name → the properties of the function that runs it. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> handlerClasses() {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    resources.values().stream()
        .filter(r -> "AWS::Lambda::Function".equals(r.get("Type")))
        .map(r -> (Map<String, Object>) r.get("Properties"))
        .filter(p -> String.valueOf(p.get("Handler")).startsWith(HANDLERS))
        .forEach(p -> {
          String handler = String.valueOf(p.get("Handler"));
          out.put(handler.substring(HANDLERS.length(), handler.indexOf("::")), p);
        });
    return out;
  }

  /** The function's variables, with each CloudFormation reference resolved to its local stand-in. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> environmentOf(Map<String, Object> function) {
    Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) function
        .getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of());
    Map<String, String> out = new LinkedHashMap<>();
    variables.forEach((name, value) -> out.put(name, resolve(value)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static String resolve(Object value) {
    if (value instanceof String s) {
      return s;
    }
    Map<String, Object> intrinsic = (Map<String, Object>) value;
    if (intrinsic.containsKey("Ref")) {
      return reference(String.valueOf(intrinsic.get("Ref")));
    }
    if (intrinsic.containsKey("Fn::Join")) {
      List<Object> join = (List<Object>) intrinsic.get("Fn::Join");
      return ((List<Object>) join.get(1)).stream().map(TemplateEnvironmentTest::resolve)
          .collect(Collectors.joining(String.valueOf(join.get(0))));
    }
    if (intrinsic.containsKey("Fn::GetAtt")) {
      List<Object> getAtt = (List<Object>) intrinsic.get("Fn::GetAtt");
      return attribute(String.valueOf(getAtt.get(0)), String.valueOf(getAtt.get(1)));
    }
    throw new AssertionError("a function's environment holds " + intrinsic.keySet()
        + ", which this test cannot stand in for; teach resolve() what it means");
  }

  /** An attribute of a resource the template refers to: the console's distribution's domain name. */
  private static String attribute(String logicalId, String name) {
    Map<String, Object> resource = resources.get(logicalId);
    String type = resource == null ? "(no such resource)" : String.valueOf(resource.get("Type"));
    if (type.equals("AWS::CloudFront::Distribution") && name.equals("DomainName")) {
      return "d111111abcdef8.cloudfront.net";
    }
    throw new AssertionError("a function's environment refers to " + name + " of " + logicalId + " (" + type
        + "), which this test cannot stand in for");
  }

  private static String reference(String logicalId) {
    if (PSEUDO_PARAMETERS.containsKey(logicalId)) {
      return PSEUDO_PARAMETERS.get(logicalId);
    }
    Map<String, Object> resource = resources.get(logicalId);
    String type = resource == null ? "(no such resource)" : String.valueOf(resource.get("Type"));
    return switch (type) {
      case "AWS::DynamoDB::Table" -> table;
      case "AWS::S3::Bucket" -> BUCKET;
      case "AWS::StepFunctions::StateMachine" -> STATE_MACHINE;
      case "AWS::ApiGateway::RestApi" -> REST_API_ID;
      case "AWS::SecretsManager::Secret" -> PAGE_TOKEN_SECRET;
      case "AWS::SNS::Topic" -> TOPIC;
      default -> throw new AssertionError("a function's environment refers to " + logicalId + " of type " + type
          + ", which this test cannot stand in for");
    };
  }

  // ---------------------------------------------------------------- running a function

  /** The function's handler, built as the Lambda runtime builds it, from only that function's environment. */
  @SuppressWarnings("unchecked")
  private <T> T handler(String handlerClass) throws Exception {
    Map<String, Object> function = handlerClasses().get(handlerClass);
    assertThat(function).as("a function whose handler is " + handlerClass).isNotNull();
    Map<String, String> environment = environmentOf(function);
    // As AwsClients.fromEnvironment() does on AWS: every call bounded by the function's budget.
    AwsClients functionClients = AwsClients.builder()
        .dynamoDbEndpoint(Dynalite.shared().endpoint())
        .s3Endpoint(S3.endpoint())
        .sfnEndpoint(stepFunctions.endpoint())
        .secretsManagerEndpoint(secrets.endpoint())
        .snsEndpoint(sns.endpoint())
        .callBudget(AwsClients.callBudget(environment))
        .build();
    opened.add(functionClients);
    ran.add(handlerClass);
    // The constructor the runtime's own calls: the one taking the family's wiring, built from this environment.
    for (Constructor<?> constructor : Class.forName(HANDLERS + handlerClass).getConstructors()) {
      Class<?>[] parameters = constructor.getParameterTypes();
      if (parameters.length == 1 && parameters[0].getSimpleName().endsWith("Wiring")) {
        return (T) constructor.newInstance(wiring(parameters[0], functionClients.factory(), environment));
      }
    }
    throw new AssertionError(handlerClass + " has no constructor taking its family's wiring");
  }

  /**
   * A family's wiring from this environment: over the SDK clients {@code clients} builds, or, for the
   * check functions (which carry no SDK client), over S3 as those clients reach it.
   */
  private static Object wiring(Class<?> type, ClientFactory clients, Map<String, String> environment)
      throws ReflectiveOperationException {
    try {
      return type.getConstructor(ClientFactory.class, Map.class, Clock.class).newInstance(clients, environment, CLOCK);
    } catch (NoSuchMethodException noClients) {
      return type.getConstructor(S3Connection.class, Map.class, Clock.class)
          .newInstance(clients.s3Connection(), environment, CLOCK);
    }
  }

  /** The sample list event with {@code query}, sent by {@link #reviewer}. */
  private APIGatewayProxyRequestEvent listEvent(Map<String, String> query) {
    APIGatewayProxyRequestEvent event = apiEvent("list-submissions.json", "/submissions");
    event.setQueryStringParameters(query);
    return event;
  }

  /** A sample API event for {@code path}, sent by {@link #reviewer}. */
  private APIGatewayProxyRequestEvent apiEvent(String sample, String path) {
    APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("test-events/api/" + sample).withPath(path);
    event.getRequestContext().getIdentity().setUserArn(reviewer);
    return event;
  }

  /** The names of the stack's IAM roles that have one. */
  @SuppressWarnings("unchecked")
  private static Set<String> roleNames() {
    return resources.values().stream()
        .filter(r -> "AWS::IAM::Role".equals(r.get("Type")))
        .map(r -> ((Map<String, Object>) r.get("Properties")).get("RoleName"))
        .filter(String.class::isInstance)
        .map(String.class::cast)
        .collect(Collectors.toSet());
  }
}
