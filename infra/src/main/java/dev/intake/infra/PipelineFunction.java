package dev.intake.infra;

import dev.intake.contracts.LambdaEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IDestination;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.VersionOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * One Lambda function of the pipeline: its own role (no managed policies: it may write to its own
 * log group and nothing else until the stack grants more), its own log group, SnapStart on the
 * published version, and the {@value #ALIAS} alias every caller invokes.
 */
public final class PipelineFunction extends Construct {

  public static final String ALIAS = "live";

  /**
   * The time one AWS SDK call of the function may take, retries included (the handler's AwsClients
   * reads it): a quarter of the function's timeout, at most {@link #MAX_SDK_CALL_TIMEOUT}. A slow
   * call then fails as a retryable StoreUnavailableException while the function still has time to
   * report it, instead of the function timing out first.
   */
  static final String SDK_CALL_TIMEOUT_ENV = LambdaEnvironment.SDK_CALL_TIMEOUT_MS;
  static final Duration MAX_SDK_CALL_TIMEOUT = Duration.seconds(20);

  /** Powertools' service name: the Service dimension of every custom metric and a field of every log line. */
  static final String SERVICE_NAME = dev.intake.contracts.MetricNames.SERVICE_NAME;

  /** Variables every function gets; Powertools reads them. The metrics namespace is the environment's. */
  static Map<String, String> commonEnvironment(String metricsNamespace) {
    return Map.of(
        LambdaEnvironment.POWERTOOLS_SERVICE_NAME, SERVICE_NAME,
        LambdaEnvironment.POWERTOOLS_METRICS_NAMESPACE, metricsNamespace,
        LambdaEnvironment.POWERTOOLS_LOG_LEVEL, "INFO");
  }

  private final Role role;
  private final LogGroup logGroup;
  private final Function function;
  private final Alias alias;

  /**
   * What differs between the functions.
   *
   * @param handler {@code class::method}
   * @param memoryMb memory size (Lambda's CPU share grows with it)
   * @param timeout the function's timeout
   * @param reservedConcurrency null for none
   * @param onFailure the destination of failed asynchronous invocations, null when none is invoked asynchronously
   * @param metricsNamespace where the function's custom metrics go (one per environment)
   */
  public record Spec(
      String description,
      String handler,
      int memoryMb,
      Duration timeout,
      Integer reservedConcurrency,
      Map<String, String> environment,
      IDestination onFailure,
      String metricsNamespace) {
  }

  /** Asynchronous invocations (S3 events) are retried this often before they go to the destination. */
  static final int ASYNC_RETRY_ATTEMPTS = 2;

  public PipelineFunction(Construct scope, String id, Code code, LogGroups logGroups, Spec spec) {
    super(scope, id);
    role = Role.Builder.create(this, "Role")
        .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
        .description(spec.description())
        .build();
    logGroup = logGroups.create(this, "Logs", null);
    logGroup.grantWrite(role);

    Map<String, String> environment = new LinkedHashMap<>(commonEnvironment(spec.metricsNamespace()));
    environment.put(SDK_CALL_TIMEOUT_ENV, String.valueOf(sdkCallTimeoutMillis(spec.timeout())));
    environment.putAll(spec.environment());
    Function.Builder builder = Function.Builder.create(this, "Function")
        .description(spec.description())
        .runtime(Runtime.JAVA_21)
        .architecture(Architecture.ARM_64)
        .code(code)
        .handler(spec.handler())
        .memorySize(spec.memoryMb())
        .timeout(spec.timeout())
        .role(role)
        .logGroup(logGroup)
        .tracing(Tracing.ACTIVE)
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .environment(environment)
        // Every deployment publishes a new version (and SnapStart snapshot) of the family's jar; the
        // replaced ones are deleted once the alias has moved, so code storage does not grow per deploy.
        .currentVersionOptions(VersionOptions.builder().removalPolicy(RemovalPolicy.DESTROY).build());
    if (spec.reservedConcurrency() != null) {
      builder.reservedConcurrentExecutions(spec.reservedConcurrency());
    }
    function = builder.build();
    // The warning says SnapStart applies to published versions only: the alias below publishes one.
    Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
        "The function is invoked only through its alias, which points at the published current version.");
    Nag.suppress(function, "AwsSolutions-L1",
        "Java 21 is the pipeline's chosen Lambda runtime (an LTS runtime; the jars are built for Java 17 bytecode "
            + "and tested on 17 and 21, and SnapStart and Powertools 2.9 are used on it). A newer Java runtime is a "
            + "deliberate upgrade with its own test run, not a drift to follow on each CDK release.");

    Alias.Builder alias = Alias.Builder.create(this, "Live")
        .aliasName(ALIAS)
        .version(function.getCurrentVersion())
        .description("The SnapStart-published version every caller invokes");
    if (spec.onFailure() != null) {
      alias.onFailure(spec.onFailure())
          .retryAttempts(ASYNC_RETRY_ATTEMPTS)
          .maxEventAge(Duration.hours(6));
    }
    this.alias = alias.build();

    // Tracing.ACTIVE adds xray:PutTraceSegments and xray:PutTelemetryRecords to the role.
    Nag.suppressFindings(role, "AwsSolutions-IAM5",
        "X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level permissions, so "
            + "their resource is '*' (https://docs.aws.amazon.com/service-authorization/latest/reference/"
            + "list_awsx-ray.html).",
        "Resource::*");
  }

  /** A quarter of the function's timeout, capped at {@link #MAX_SDK_CALL_TIMEOUT}. */
  static long sdkCallTimeoutMillis(Duration functionTimeout) {
    return Math.min(functionTimeout.toMilliseconds().longValue() / 4,
        MAX_SDK_CALL_TIMEOUT.toMilliseconds().longValue());
  }

  public Role role() {
    return role;
  }

  public LogGroup logGroup() {
    return logGroup;
  }

  public Function function() {
    return function;
  }

  public Alias alias() {
    return alias;
  }

  /** Adds an environment variable (used for values created after the function, such as the workflow's ARN). */
  public void addEnvironment(String name, String value) {
    function.addEnvironment(name, value);
  }
}
