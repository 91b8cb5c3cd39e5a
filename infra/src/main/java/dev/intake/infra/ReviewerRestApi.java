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
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
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
  /** Steady requests per second and burst, for the whole stage: a handful of reviewers and partners. */
  static final int RATE_LIMIT = 25;
  static final int BURST_LIMIT = 50;

  private final RestApi api;
  private final LogGroup accessLog;
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
            .accessLogFormat(AccessLogFormat.jsonWithStandardFields(JsonWithStandardFieldProps.builder()
                .caller(true).httpMethod(true).ip(true).protocol(true).requestTime(true)
                .resourcePath(true).responseLength(true).status(true).user(true)
                .build()))
            .build())
        .defaultMethodOptions(MethodOptions.builder().authorizationType(AuthorizationType.IAM).build())
        .build();

    // API Gateway's own refusals (IAM denial, failed validation, throttling) answer in the API's
    // error shape {"code", "message"}, like the handler's.
    gatewayResponse("BadRequestBody", ResponseType.BAD_REQUEST_BODY, "BadRequest",
        "$context.error.validationErrorString");
    gatewayResponse("BadRequestParameters", ResponseType.BAD_REQUEST_PARAMETERS, "BadRequest",
        "$context.error.validationErrorString");
    gatewayResponse("Default4xx", ResponseType.DEFAULT_4_XX, "$context.error.responseType",
        "$context.error.messageString");
    gatewayResponse("Default5xx", ResponseType.DEFAULT_5_XX, "$context.error.responseType",
        "$context.error.messageString");

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
    listQuery.put("method.request.querystring.limit", false);
    listQuery.put("method.request.querystring.nextToken", false);
    add(submissions, "GET", integration, parameters, listQuery, null);
    Resource submission = submissions.addResource("{id}");
    add(submission, "GET", integration, parameters, idPath, null);
    for (String child : List.of("findings", "report", "history")) {
      add(submission.addResource(child), "GET", integration, parameters, idPath, null);
    }
    Resource decisions = submission.addResource("decisions");
    add(decisions, "GET", integration, parameters, idPath, null);
    add(decisions, "POST", integration, parametersAndBody, idPath, decisionRequest);
    add(api.getRoot().addResource("template"), "GET", integration, null, null, null);

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

  private void gatewayResponse(String id, ResponseType type, String code, String message) {
    api.addGatewayResponse(id, GatewayResponseOptions.builder()
        .type(type)
        .templates(Map.of("application/json",
            "{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}"))
        .build());
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
                .enumValue(List.of("ACCEPT", "REQUEST_CHANGES", "OVERRIDE_FINDING"))
                .build(),
            "comment", JsonSchema.builder().type(JsonSchemaType.STRING).minLength(1).maxLength(4000).build(),
            "finding", JsonSchema.builder().type(JsonSchemaType.STRING).maxLength(200).build()))
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

  /** Every method, keyed {@code "GET /submissions/{id}"}. */
  public Map<String, Method> methods() {
    return Map.copyOf(methods);
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
