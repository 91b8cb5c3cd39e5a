package dev.intake.aws;

import static dev.intake.contracts.LambdaEnvironment.BUCKET_NAME;
import static dev.intake.contracts.LambdaEnvironment.CONSOLE_ORIGIN;
import static dev.intake.contracts.LambdaEnvironment.PAGE_TOKEN_SECRET_ARN;
import static dev.intake.contracts.LambdaEnvironment.PARTNER_ROLE_PREFIX;
import static dev.intake.contracts.LambdaEnvironment.REVIEWER_PRINCIPALS;
import static dev.intake.contracts.LambdaEnvironment.STATE_MACHINE_ARN;

import dev.intake.api.CallerResolver;
import dev.intake.api.ExecutionHistory;
import dev.intake.api.ReviewerApi;
import dev.intake.api.TemplateService;
import dev.intake.api.UploadLinks;
import dev.intake.aws.ClientFactory.Service;
import dev.intake.checklist.Checklist;
import dev.intake.pipeline.SubmissionStore;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The reviewer API's composition on AWS: DynamoDB, S3 (objects and presigned links), Step
 * Functions (an execution's history) and Secrets Manager (the page-token key). The blank template
 * it hands out is the bundled one the build wrote, so the family carries no POI. It has no SnapStart
 * priming of its own: its work is reads, writes and JSON, and the page-token key must be read after
 * a restore, not into the snapshot.
 */
public final class ApiWiring {

  private static final Lazy<ApiWiring> FROM_ENVIRONMENT = new Lazy<>(() ->
      new ApiWiring(ClientFactory.fromEnvironment(), System.getenv(), Clock.systemUTC()));

  private final ClientFactory clients;
  private final FunctionEnvironment env;
  private final Lazy<S3Presigner> presigner;
  private final Lazy<S3ObjectStore> objects;

  public ApiWiring(ClientFactory clients, Map<String, String> env, Clock clock) {
    this.clients = clients;
    this.env = new FunctionEnvironment(env, clock);
    this.presigner = new Lazy<>(() -> S3Clients.presigner(clients));
    this.objects = new Lazy<>(() -> new S3ObjectStore(S3Clients.client(clients), presigner.get()));
  }

  public static ApiWiring fromEnvironment() {
    return FROM_ENVIRONMENT.get();
  }

  public ReviewerApi reviewerApi() {
    Clock clock = env.clock();
    String stateMachine = env.get(STATE_MACHINE_ARN);
    String bucket = env.required(BUCKET_NAME);
    // The API hands out page tokens and takes them back, maybe in another container: all of them sign
    // with the secret's key (read on first use, after a SnapStart restore).
    SubmissionStore store = DynamoDbSubmissionStore.fromEnvironment(
            clients.build(Service.DYNAMODB, DynamoDbClient.builder()), env)
        .withPageTokenKeys(new SecretsManagerPageTokenKeys(
            clients.build(Service.SECRETS_MANAGER, SecretsManagerClient.builder()), env.required(PAGE_TOKEN_SECRET_ARN),
            clock));
    return new ReviewerApi(store, objects.get(), new TemplateService(objects.get(), bucket, Checklist.current()),
        stateMachine == null
            ? ExecutionHistory.NONE
            : new SfnExecutionHistory(clients.build(Service.SFN, SfnClient.builder()), stateMachine),
        new UploadLinks(new S3UploadPresigner(presigner.get()), bucket, clock),
        clock);
  }

  /** The web console's origin the API answers browsers from (CORS), or null when there is no console. */
  public String consoleOrigin() {
    String origin = env.get(CONSOLE_ORIGIN);
    return origin == null || origin.isBlank() ? null : origin;
  }

  public CallerResolver callerResolver() {
    return CallerResolver.of(env.get(REVIEWER_PRINCIPALS, "competency-reviewer"),
        env.get(PARTNER_ROLE_PREFIX, "competency-partner-"));
  }
}
