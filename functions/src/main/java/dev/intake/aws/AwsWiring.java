package dev.intake.aws;

import static dev.intake.contracts.LambdaEnvironment.API_BASE_URL;
import static dev.intake.contracts.LambdaEnvironment.BUCKET_NAME;
import static dev.intake.contracts.LambdaEnvironment.CONSOLE_ORIGIN;
import static dev.intake.contracts.LambdaEnvironment.PAGE_TOKEN_SECRET_ARN;
import static dev.intake.contracts.LambdaEnvironment.PARTNER_ROLE_PREFIX;
import static dev.intake.contracts.LambdaEnvironment.POWERTOOLS_METRICS_NAMESPACE;
import static dev.intake.contracts.LambdaEnvironment.PROGRAM_OFFICE_TOPIC_ARN;
import static dev.intake.contracts.LambdaEnvironment.REDRIVE_ATTEMPTS;
import static dev.intake.contracts.LambdaEnvironment.RETENTION_DAYS;
import static dev.intake.contracts.LambdaEnvironment.REVIEWER_PRINCIPALS;
import static dev.intake.contracts.LambdaEnvironment.STATE_MACHINE_ARN;
import static dev.intake.contracts.LambdaEnvironment.TABLE_NAME;
import static dev.intake.contracts.LambdaEnvironment.URL_CHECK_ENABLED;

import dev.intake.api.CallerResolver;
import dev.intake.api.ReviewerApi;
import dev.intake.api.TemplateService;
import dev.intake.api.UploadLinks;
import dev.intake.checklist.Checklist;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.AggregateService;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.CheckService;
import dev.intake.pipeline.DigestService;
import dev.intake.pipeline.FailureService;
import dev.intake.pipeline.IntakeService;
import dev.intake.pipeline.ObjectStore;
import dev.intake.pipeline.PipelineMetrics;
import dev.intake.pipeline.SubmissionStore;
import dev.intake.pipeline.Threads;
import dev.intake.rules.RuleEngine;
import dev.intake.rules.RuleGroup;
import dev.intake.web.SafePageFetcher;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The composition root on AWS: reads the function's environment once and builds each handler's
 * collaborators from one set of SDK clients. Handlers' no-argument constructors call
 * {@link #fromEnvironment()}, so a container (and a SnapStart snapshot) builds everything once;
 * the first call also registers the {@link SnapStartPriming} hook.
 */
public final class AwsWiring {

  private static volatile AwsWiring instance;

  private final AwsClients clients;
  private final Map<String, String> env;
  private final Clock clock;
  private final Checklist checklist = Checklist.current();

  public AwsWiring(AwsClients clients, Map<String, String> env, Clock clock) {
    this.clients = clients;
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  public static AwsWiring fromEnvironment() {
    AwsWiring w = instance;
    if (w == null) {
      synchronized (AwsWiring.class) {
        w = instance;
        if (w == null) {
          w = new AwsWiring(AwsClients.fromEnvironment(), System.getenv(), Clock.systemUTC());
          SnapStartPriming.register();
          instance = w;
        }
      }
    }
    return w;
  }

  /** The clock the services and handlers built here tell time by. */
  public Clock clock() {
    return clock;
  }

  private String required(String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("Environment variable " + name + " is not set for this function");
    }
    return v;
  }

  private DynamoDbSubmissionStore store() {
    String days = env.get(RETENTION_DAYS);
    if (days == null || days.isBlank()) {
      return new DynamoDbSubmissionStore(clients.dynamoDb(), required(TABLE_NAME));
    }
    try {
      return new DynamoDbSubmissionStore(clients.dynamoDb(), required(TABLE_NAME),
          Duration.ofDays(Long.parseLong(days.strip())), clock);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(RETENTION_DAYS + " must be a positive number of days, was '" + days + "'", e);
    }
  }

  private ObjectStore objects() {
    return new S3ObjectStore(clients.s3(), clients.s3Presigner());
  }

  private PipelineMetrics metrics() {
    return new PowertoolsMetrics(env.get(POWERTOOLS_METRICS_NAMESPACE));
  }

  public IntakeService intakeService() {
    return new IntakeService(store(), objects(),
        new SfnWorkflowStarter(clients.sfn(), required(STATE_MACHINE_ARN)), new WorkbookParser(),
        AsOfPolicy.uploadDay(), clock, metrics());
  }

  public CheckService checkService(RuleGroup group) {
    boolean live = group == RuleGroup.PUBLIC_URLS
        && Boolean.parseBoolean(env.getOrDefault(URL_CHECK_ENABLED, "false"));
    RuleEngine engine = live
        ? RuleEngine.standard(checklist, new SafePageFetcher())
        : RuleEngine.standard(checklist);
    return new CheckService(group, engine, objects());
  }

  public AggregateService aggregateService() {
    return AggregateService.standard(objects(), store(), checklist, clock, env.getOrDefault(API_BASE_URL, ""),
        metrics()).withThreadSettle(Threads.Settle.sleeping(DynamoDbSubmissionStore.INDEX_SETTLE));
  }

  /** Receives of a dead letter after which the upload is stored FAILED instead of retried. */
  public int redriveAttempts() {
    try {
      return Integer.parseInt(env.getOrDefault(REDRIVE_ATTEMPTS, "5"));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(REDRIVE_ATTEMPTS + " must be a number", e);
    }
  }

  public FailureService failureService() {
    return new FailureService(store(), clock, metrics(), env.getOrDefault(API_BASE_URL, ""))
        .withThreadSettle(Threads.Settle.sleeping(DynamoDbSubmissionStore.INDEX_SETTLE));
  }

  /** The daily digest, published to the program office's topic, its links to the API. */
  public DigestService digestService() {
    return new DigestService(store(), clock, env.getOrDefault(API_BASE_URL, ""), metrics(),
        new SnsNotifier(clients.sns(), required(PROGRAM_OFFICE_TOPIC_ARN)));
  }

  public ReviewerApi reviewerApi() {
    String stateMachine = env.get(STATE_MACHINE_ARN);
    // The API hands out page tokens and takes them back, maybe in another container: all of them sign
    // with the secret's key (read on first use, after a SnapStart restore).
    SubmissionStore store = store().withPageTokenKeys(
        new SecretsManagerPageTokenKeys(clients.secretsManager(), required(PAGE_TOKEN_SECRET_ARN), clock));
    return new ReviewerApi(store, objects(), new TemplateService(objects(), required(BUCKET_NAME), checklist),
        stateMachine == null
            ? dev.intake.api.ExecutionHistory.NONE
            : new SfnExecutionHistory(clients.sfn(), stateMachine),
        new UploadLinks(new S3UploadPresigner(clients.s3Presigner()), required(BUCKET_NAME), clock),
        clock);
  }

  /** The web console's origin the API answers browsers from (CORS), or null when there is no console. */
  public String consoleOrigin() {
    String origin = env.get(CONSOLE_ORIGIN);
    return origin == null || origin.isBlank() ? null : origin;
  }

  public CallerResolver callerResolver() {
    return CallerResolver.of(env.getOrDefault(REVIEWER_PRINCIPALS, "competency-reviewer"),
        env.getOrDefault(PARTNER_ROLE_PREFIX, "competency-partner-"));
  }
}
