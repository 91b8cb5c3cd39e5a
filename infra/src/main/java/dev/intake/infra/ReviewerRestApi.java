package dev.intake.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IModel;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.JsonSchemaVersion;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.ModelOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The reviewer API of {@code docs/openapi.yaml}: API Gateway REST (v1), SigV4/IAM authorization
 * on every method, every method a Lambda proxy to the API function's alias. The routes are
 * declared here rather than imported from the OpenAPI file so that each method carries its own
 * validator and model; a test checks the two agree.
 */
public final class ReviewerRestApi extends Construct {

  public static final String STAGE = "v1";
  /**
   * A submission id in an IAM resource pattern: {@code sub-} and exactly 26 characters
   * (docs/openapi.yaml's SubmissionId). IAM's {@code *} matches {@code /} too, so
   * {@code GET/submissions/*} would also grant {@code GET/submissions/x/decisions}; 26 {@code ?}
   * reach past the id only when the id is shorter and the rest of the path fills the 26 (a '?' also
   * matches '/'), which is why the partner policy denies the reviewer-only routes outright as well.
   */
  static final String SUBMISSION_ID_PATTERN = "sub-" + "?".repeat(26);
  /** Largest upload a presigned PUT allows: the parser's limit (20 MB), so nothing bigger is even stored. */
  static final long MAX_UPLOAD_BYTES = 20L * 1024 * 1024;
  static final String UPLOAD_FILE_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,95}\\.[xX][lL][sS][xX]$";
  /** Steady requests per second and burst, for the whole stage: a handful of reviewers and partners. */
  static final int RATE_LIMIT = 25;
  static final int BURST_LIMIT = 50;

  private final RestApi api;
  private final LogGroup accessLog;
  private final LogGroup executionLog;
  private final Map<String, Method> methods = new LinkedHashMap<>();

  public ReviewerRestApi(Construct scope, String id, IFunction handler, LogGroups logGroups) {
    super(scope, id);
    accessLog = logGroups.create(this, "AccessLog", null);
    api = RestApi.Builder.create(this, "Api")
        .restApiName(Stack.of(this).getStackName() + "-reviewer")
        .description("Competency intake reviewer API (docs/openapi.yaml)")
        .endpointTypes(List.of(EndpointType.REGIONAL))
        // Execution logging (AwsSolutions-APIG6) needs the account-level API Gateway logging role.
        .cloudWatchRole(true)
        .deployOptions(StageOptions.builder()
            .stageName(STAGE)
            .tracingEnabled(true)
            .metricsEnabled(true)
            .loggingLevel(MethodLoggingLevel.ERROR)
            // Request and response bodies can hold reviewers' comments: never in execution logs.
            .dataTraceEnabled(false)
            .throttlingRateLimit(RATE_LIMIT)
            .throttlingBurstLimit(BURST_LIMIT)
            .accessLogDestination(new LogGroupLogDestination(accessLog))
            .accessLogFormat(AccessLogFormat.custom(ACCESS_LOG_FORMAT))
            .build())
        .defaultMethodOptions(MethodOptions.builder().authorizationType(AuthorizationType.IAM).build())
        .build();
    // API Gateway creates API-Gateway-Execution-Logs_{id}/{stage} itself on the first error, unencrypted
    // and kept forever; created here first, it has the pipeline's key and retention.
    executionLog = logGroups.create(this, "ExecutionLog",
        "API-Gateway-Execution-Logs_" + api.getRestApiId() + "/" + STAGE);
    api.getDeploymentStage().getNode().addDependency(executionLog);

    // API Gateway's own refusals (IAM denial, failed validation, throttling, its 5xx) answer in the
    // API's error shape. A gateway response template is not VTL: variables are substituted as they
    // are, and $context.error.messageString and validationErrorString carry unescaped quotes, so
    // the message is a fixed sentence per type and only quote-free variables appear.
    GATEWAY_MESSAGES.forEach((type, message) -> api.addGatewayResponse(type.getResponseType(),
        GatewayResponseOptions.builder()
            .type(type)
            .templates(Map.of("application/json", gatewayTemplate(message)))
            .build()));

    RequestValidator parameters = api.addRequestValidator("Parameters", RequestValidatorOptions.builder()
        .requestValidatorName("parameters")
        .validateRequestParameters(true)
        .validateRequestBody(false)
        .build());
    RequestValidator parametersAndBody = api.addRequestValidator("ParametersAndBody",
        RequestValidatorOptions.builder()
            .requestValidatorName("parameters-and-body")
            .validateRequestParameters(true)
            .validateRequestBody(true)
            .build());
    Model decisionRequest = api.addModel("DecisionRequest", ModelOptions.builder()
        .contentType("application/json")
        .modelName("DecisionRequest")
        .description("components.schemas.DecisionRequest of docs/openapi.yaml")
        .schema(decisionRequestSchema())
        .build());
    Model uploadRequest = api.addModel("UploadRequest", ModelOptions.builder()
        .contentType("application/json")
        .modelName("UploadRequest")
        .description("components.schemas.UploadRequest of docs/openapi.yaml")
        .schema(uploadRequestSchema())
        .build());

    LambdaIntegration integration = LambdaIntegration.Builder.create(handler)
        .proxy(true)
        // The console's test-invoke bypasses IAM authorization: no permission for it.
        .allowTestInvoke(false)
        .build();
    Map<String, Boolean> idPath = Map.of("method.request.path.id", true);

    Resource submissions = api.getRoot().addResource("submissions");
    Map<String, Boolean> listQuery = new LinkedHashMap<>();
    listQuery.put("method.request.querystring.partnerId", false);
    listQuery.put("method.request.querystring.status", false);
    listQuery.put("method.request.querystring.review", false);
    listQuery.put("method.request.querystring.sort", false);
    listQuery.put("method.request.querystring.overdue", false);
    listQuery.put("method.request.querystring.limit", false);
    listQuery.put("method.request.querystring.nextToken", false);
    add(submissions, "GET", integration, parameters, listQuery, null);
    Resource submission = submissions.addResource("{id}");
    add(submission, "GET", integration, parameters, idPath, null);
    for (String child : List.of("findings", "report", "history", "comparison")) {
      add(submission.addResource(child), "GET", integration, parameters, idPath, null);
    }
    Resource decisions = submission.addResource("decisions");
    add(decisions, "GET", integration, parameters, idPath, null);
    add(decisions, "POST", integration, parametersAndBody, idPath, decisionRequest);
    add(api.getRoot().addResource("template"), "GET", integration, null, null, null);
    add(api.getRoot().addResource("uploads"), "POST", integration, parametersAndBody, null, uploadRequest);

    Nag.suppress(api, "AwsSolutions-COG4",
        "The API uses IAM (SigV4) authorization on every method by design (docs/openapi.yaml, DESIGN.md): "
            + "reviewers and partners are IAM roles, and the handler maps the caller's role to reviewer or "
            + "partner. There is no Cognito user pool.");
    Nag.suppress(api, "AwsSolutions-APIG3",
        "No AWS WAF web ACL: every method requires a SigV4 signature from an IAM principal of this account, "
            + "so anonymous traffic is refused by API Gateway before it reaches the integration, and the "
            + "stage is throttled. A web ACL can be associated later without changing the stack's shape.");
  }

  private void add(Resource resource, String httpMethod, LambdaIntegration integration, RequestValidator validator,
      Map<String, Boolean> parameters, IModel body) {
    MethodOptions.Builder options = MethodOptions.builder().authorizationType(AuthorizationType.IAM);
    if (validator != null) {
      options.requestValidator(validator);
    }
    if (parameters != null) {
      options.requestParameters(parameters);
    }
    if (body != null) {
      options.requestModels(Map.of("application/json", body));
    }
    Method method = resource.addMethod(httpMethod, integration, options.build());
    methods.put(httpMethod + " " + resource.getPath(), method);
  }

  /**
   * The body of a gateway response: {@code {"code": <response type>, "message": <fixed sentence>,
   * "requestId": <API Gateway's id, for a support request>}}. The message is JSON-escaped here.
   */
  static String gatewayTemplate(String message) {
    return "{\"code\":\"$context.error.responseType\",\"message\":\"" + jsonEscape(message)
        + "\",\"requestId\":\"$context.requestId\"}";
  }

  private static String jsonEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** The gateway responses the API customizes, each with a message a caller can act on. */
  static final Map<ResponseType, String> GATEWAY_MESSAGES = gatewayMessages();

  private static Map<ResponseType, String> gatewayMessages() {
    Map<ResponseType, String> m = new LinkedHashMap<>();
    m.put(ResponseType.ACCESS_DENIED, "This principal may not call this method.");
    m.put(ResponseType.MISSING_AUTHENTICATION_TOKEN,
        "No such route, or the request is not signed with SigV4 (service execute-api).");
    m.put(ResponseType.INVALID_SIGNATURE, "The request's SigV4 signature does not match; check the keys and region.");
    m.put(ResponseType.EXPIRED_TOKEN, "The credentials have expired; assume the role again.");
    m.put(ResponseType.BAD_REQUEST_BODY, "The request body does not match the operation's schema (docs/openapi.yaml).");
    m.put(ResponseType.BAD_REQUEST_PARAMETERS, "A required request parameter is missing.");
    m.put(ResponseType.REQUEST_TOO_LARGE, "The request is too large.");
    m.put(ResponseType.THROTTLED, "Too many requests; retry with exponential backoff.");
    m.put(ResponseType.QUOTA_EXCEEDED, "The request quota is used up; try again later.");
    m.put(ResponseType.INTEGRATION_TIMEOUT, "The API did not answer in time; try again shortly.");
    m.put(ResponseType.INTEGRATION_FAILURE, "The API failed to answer; try again shortly.");
    m.put(ResponseType.DEFAULT_4_XX, "API Gateway refused the request.");
    m.put(ResponseType.DEFAULT_5_XX, "API Gateway could not process the request; try again shortly.");
    return Map.copyOf(m);
  }

  /**
   * One JSON object per request. Every value is quoted and none can hold a quote (ids, ARNs,
   * numbers, API Gateway's own tokens), so each line parses as JSON; the user agent and the error
   * message, which can, are left out.
   */
  static final String ACCESS_LOG_FORMAT = "{"
      + "\"requestId\":\"$context.requestId\","
      + "\"extendedRequestId\":\"$context.extendedRequestId\","
      + "\"requestTime\":\"$context.requestTime\","
      + "\"ip\":\"$context.identity.sourceIp\","
      + "\"caller\":\"$context.identity.caller\","
      + "\"user\":\"$context.identity.user\","
      + "\"principal\":\"$context.identity.userArn\","
      + "\"httpMethod\":\"$context.httpMethod\","
      + "\"resourcePath\":\"$context.resourcePath\","
      + "\"protocol\":\"$context.protocol\","
      + "\"status\":\"$context.status\","
      + "\"responseLength\":\"$context.responseLength\","
      + "\"responseLatency\":\"$context.responseLatency\","
      + "\"integrationLatency\":\"$context.integrationLatency\","
      + "\"integrationStatus\":\"$context.integrationStatus\","
      + "\"errorType\":\"$context.error.responseType\","
      + "\"xrayTraceId\":\"$context.xrayTraceId\""
      + "}";

  /** {@code UploadRequest} of docs/openapi.yaml in API Gateway's JSON Schema (draft 4). */
  static JsonSchema uploadRequestSchema() {
    return JsonSchema.builder()
        .schema(JsonSchemaVersion.DRAFT4)
        .title("UploadRequest")
        .type(JsonSchemaType.OBJECT)
        .required(List.of("fileName", "size"))
        .additionalProperties(false)
        .properties(Map.of(
            "fileName", JsonSchema.builder().type(JsonSchemaType.STRING).minLength(6).maxLength(101)
                .pattern(UPLOAD_FILE_NAME_PATTERN).build(),
            "size", JsonSchema.builder().type(JsonSchemaType.INTEGER).minimum(1).maximum(MAX_UPLOAD_BYTES).build()))
        .build();
  }

  /** {@code DecisionRequest} of docs/openapi.yaml in API Gateway's JSON Schema (draft 4). */
  static JsonSchema decisionRequestSchema() {
    return JsonSchema.builder()
        .schema(JsonSchemaVersion.DRAFT4)
        .title("DecisionRequest")
        .type(JsonSchemaType.OBJECT)
        .required(List.of("action", "comment"))
        .additionalProperties(false)
        .properties(Map.of(
            "action", JsonSchema.builder()
                .type(JsonSchemaType.STRING)
                .enumValue(List.of("START_REVIEW", "REQUEST_CHANGES", "ACCEPT", "OVERRIDE_FINDING"))
                .build(),
            "comment", JsonSchema.builder().type(JsonSchemaType.STRING).minLength(1).maxLength(4000).build(),
            "finding", JsonSchema.builder().type(JsonSchemaType.STRING).maxLength(200).build(),
            "shareWithPartner", JsonSchema.builder().type(JsonSchemaType.BOOLEAN).build()))
        .build();
  }

  /**
   * The stage's base URL, built from the API id and the stage name only: the aggregate function
   * needs it, and a reference to the stage itself would close a dependency loop (stage → methods →
   * API function → workflow → aggregate function → stage).
   */
  public String baseUrl() {
    Stack stack = Stack.of(this);
    return Fn.join("", List.of("https://", api.getRestApiId(), ".execute-api.", stack.getRegion(), ".",
        stack.getUrlSuffix(), "/" + STAGE + "/"));
  }

  public RestApi api() {
    return api;
  }

  public LogGroup accessLog() {
    return accessLog;
  }

  public LogGroup executionLog() {
    return executionLog;
  }

  /** Every method, keyed {@code "GET /submissions/{id}"}. */
  public Map<String, Method> methods() {
    return Map.copyOf(methods);
  }

  /**
   * The execute-api ARNs of the given routes with each {@code {id}} an exact-length pattern
   * ({@link #SUBMISSION_ID_PATTERN}) instead of CDK's {@code *}, which would also match deeper paths.
   */
  public List<String> exactRouteArns(List<String> routes) {
    List<String> arns = new ArrayList<>();
    for (String route : routes) {
      if (!methods.containsKey(route)) {
        throw new IllegalArgumentException("No method " + route);
      }
      String[] parts = route.split(" ", 2);
      arns.add(routeArnPattern(parts[0], parts[1].replace("{id}", SUBMISSION_ID_PATTERN)));
    }
    return arns;
  }

  /** {@code arn:…:execute-api:…:{apiId}/v1/{method}{path}}; method and path may hold IAM wildcards. */
  public String routeArnPattern(String method, String path) {
    return api.arnForExecuteApi(method, path, STAGE);
  }

  /** The execute-api ARNs of the given methods (keys as in {@link #methods()}). */
  public List<String> methodArns(List<String> keys) {
    List<String> arns = new ArrayList<>();
    for (String key : keys) {
      Method m = methods.get(key);
      if (m == null) {
        throw new IllegalArgumentException("No method " + key);
      }
      arns.add(m.getMethodArn());
    }
    return arns;
  }
}
