package dev.intake.infra;

import static dev.intake.contracts.LambdaEnvironment.BUCKET_NAME;
import static dev.intake.contracts.LambdaEnvironment.REVIEWER_PRINCIPALS;
import static dev.intake.contracts.LambdaEnvironment.TABLE_NAME;
import static dev.intake.contracts.LambdaEnvironment.URL_CHECK_ENABLED;

import dev.intake.contracts.FunctionFamily;
import dev.intake.contracts.LambdaEnvironment;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The nine Lambda functions, each running its family's artifact (a jar Maven builds from
 * {@code functions/} with only what that family's handlers use: {@link FunctionFamily}), and the
 * dead-letter queue of the only asynchronous invocation (S3 → intake), which a function of its own
 * drains: it runs intake again and, on the last attempt, stores the upload FAILED, so an upload
 * never ends unseen; what even that cannot settle is parked in a second queue with an alarm.
 *
 * <p>Memory: Lambda gives CPU in proportion to memory (one vCPU at 1,769 MB). Intake and aggregate
 * read and write whole workbooks (parse; the annotated copy) and get 1,024 MB for heap and CPU; the
 * three checks only read a small parsed-workbook JSON and run rules, 512 MB; the API serves people
 * waiting for an answer, 768 MB for a shorter response time; the failure recorder does one write, 512 MB;
 * the dead-letter consumer runs intake's code, 1,024 MB; the daily digest pages through the review
 * index once a day, 512 MB.
 */
public final class Functions extends Construct {

  static final String HANDLERS = FunctionFamily.HANDLER_PACKAGE;
  /** Days a submission's rows are kept: the store stamps each item with its expiry (table TTL). */
  static final String RETENTION_ENV = LambdaEnvironment.RETENTION_DAYS;

  /** Receives of a dead letter after which its upload is stored FAILED instead of tried again. */
  static final int REDRIVE_ATTEMPTS = 5;
  /** Receives after which SQS parks a dead letter that not even that settled (the store is down). */
  static final int MAX_RECEIVES = REDRIVE_ATTEMPTS + 3;
  /** The re-drive function's timeout: intake's, and room for the last attempt's writes. */
  static final Duration REDRIVE_TIMEOUT = Duration.minutes(2);
  /**
   * Between two attempts at a dead letter: how long it stays invisible after a failed one — six
   * times the function's timeout, as Lambda's SQS event sources advise.
   */
  static final Duration REDRIVE_INTERVAL = Duration.minutes(12);
  /** The API function's timeout: below API Gateway's 29-second integration timeout. */
  static final Duration API_TIMEOUT = Duration.seconds(25);
  /** The digest reads the day's submissions and the queue: pages of 100, well inside a minute. */
  static final Duration DIGEST_TIMEOUT = Duration.minutes(2);
  /** At most this many re-drives run at once: a burst of dead letters stays below intake's own cap. */
  static final int REDRIVE_CONCURRENCY = 2;

  private final String namespace;
  private final Queue deadLetters;
  private final Queue parked;
  private final PipelineFunction intake;
  private final PipelineFunction prerequisites;
  private final PipelineFunction caseStudies;
  private final PipelineFunction publicUrls;
  private final PipelineFunction aggregate;
  private final PipelineFunction failure;
  private final PipelineFunction api;
  private final PipelineFunction redrive;
  private final PipelineFunction digest;
  private final Map<FunctionFamily, Code> code = new EnumMap<>(FunctionFamily.class);

  public Functions(Construct scope, String id, PipelineSettings settings, Storage storage, LogGroups logGroups) {
    super(scope, id);
    // The queues hold S3 event records only (bucket, key, version: never workbook content), so
    // SQS-managed encryption is enough, and it needs no KMS grant: the data key's grants all carry
    // kms:ViaService, which CDK's queue grants would not.
    parked = Queue.Builder.create(this, "IntakeParked")
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .retentionPeriod(Duration.days(14))
        .build();
    Nag.suppress(parked, "AwsSolutions-SQS3",
        "This queue is itself the last dead-letter store: S3 events that neither intake, nor its re-drive, nor "
            + "recording them FAILED could settle. Nothing consumes it; its alarm brings a person.");
    deadLetters = Queue.Builder.create(this, "IntakeDeadLetters")
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .retentionPeriod(Duration.days(14))
        .visibilityTimeout(REDRIVE_INTERVAL)
        .deadLetterQueue(DeadLetterQueue.builder().queue(parked).maxReceiveCount(MAX_RECEIVES).build())
        .build();

    // One asset per family: the functions of a family share it (and its upload).
    for (FunctionFamily family : FunctionFamily.values()) {
      code.put(family, Code.fromAsset(settings.artifact(family).toString()));
    }
    String table = storage.table().getTableName();
    String bucket = storage.intake().getBucketName();
    String retention = String.valueOf(storage.retentionDays());
    namespace = Monitoring.namespace(settings.env());

    intake = function("Intake", logGroups, new PipelineFunction.Spec(
        "Competency intake: S3 upload -> parse -> store -> start the workflow",
        HANDLERS + "IntakeHandler::handleRequest", 1024, Duration.seconds(60),
        settings.intakeConcurrency(),
        Map.of(TABLE_NAME, table, BUCKET_NAME, bucket, RETENTION_ENV, retention),
        new SqsDestination(deadLetters), namespace));
    redrive = function("Redrive", logGroups, new PipelineFunction.Spec(
        "Competency intake: re-drive S3 events intake gave up on; store FAILED after the last attempt",
        HANDLERS + "DeadLetterHandler::handleRequest", 1024, REDRIVE_TIMEOUT, null,
        Map.of(TABLE_NAME, table, BUCKET_NAME, bucket,
            LambdaEnvironment.REDRIVE_ATTEMPTS, String.valueOf(REDRIVE_ATTEMPTS), RETENTION_ENV, retention),
        null, namespace));
    redrive.alias().addEventSource(SqsEventSource.Builder.create(deadLetters)
        .batchSize(1)
        .maxConcurrency(REDRIVE_CONCURRENCY)
        .reportBatchItemFailures(true)
        .build());
    prerequisites = check("Prerequisites", "1.1-1.3, 3.1, 4.1 and the waiver", "PrerequisitesHandler",
        logGroups, bucket, Duration.seconds(30), Map.of());
    caseStudies = check("CaseStudies", "2.1 case studies", "CaseStudiesHandler", logGroups, bucket,
        Duration.seconds(30), Map.of());
    // With the URL check on, each public case study costs up to three 3-second fetches (redirects).
    publicUrls = check("PublicUrls", "2.2 public case studies", "PublicUrlsHandler", logGroups, bucket,
        Duration.seconds(90), Map.of(URL_CHECK_ENABLED, String.valueOf(settings.urlCheck())));
    aggregate = function("Aggregate", logGroups, new PipelineFunction.Spec(
        "Competency intake: merge findings, write report and annotated workbook, store the verdict",
        HANDLERS + "AggregateHandler::handleRequest", 1024, Duration.seconds(120), null,
        Map.of(TABLE_NAME, table, BUCKET_NAME, bucket, RETENTION_ENV, retention), null, namespace));
    failure = function("Failure", logGroups, new PipelineFunction.Spec(
        "Competency intake: mark a submission FAILED with the workflow's error",
        HANDLERS + "FailureHandler::handleRequest", 512, Duration.seconds(30), null,
        Map.of(TABLE_NAME, table), null, namespace));
    // API Gateway gives up on an integration after 29 seconds: the function must answer first.
    api = function("Api", logGroups, new PipelineFunction.Spec(
        "Competency intake: reviewer API (API Gateway REST proxy)",
        HANDLERS + "ApiHandler::handleRequest", 768, API_TIMEOUT, null,
        Map.of(TABLE_NAME, table, BUCKET_NAME, bucket, RETENTION_ENV, retention,
            REVIEWER_PRINCIPALS, settings.reviewerRoleName(),
            LambdaEnvironment.PARTNER_ROLE_PREFIX, settings.partnerRolePrefix()),
        null, namespace));
    // The program office's topic and the API's URL are added by the stack once they exist.
    digest = function("Digest", logGroups, new PipelineFunction.Spec(
        "Competency intake: the program office's daily digest (counts, queue, overdue list) and ReviewsOverdue",
        HANDLERS + "DigestHandler::handleRequest", 512, DIGEST_TIMEOUT, 1,
        Map.of(TABLE_NAME, table, RETENTION_ENV, retention), null, namespace));
  }

  /** A function running the artifact of its handler's family. */
  private PipelineFunction function(String id, LogGroups logGroups, PipelineFunction.Spec spec) {
    String handlerClass = spec.handler().substring(0, spec.handler().indexOf("::"));
    return new PipelineFunction(this, id, code.get(FunctionFamily.of(handlerClass)), logGroups, spec);
  }

  private PipelineFunction check(String id, String what, String handler, LogGroups logGroups,
      String bucket, Duration timeout, Map<String, String> extra) {
    Map<String, String> environment = new HashMap<>(extra);
    environment.put(BUCKET_NAME, bucket);
    return function(id, logGroups, new PipelineFunction.Spec(
        "Competency intake: checks " + what, HANDLERS + handler + "::handleRequest", 512, timeout, null,
        environment, null, namespace));
  }

  public Queue deadLetters() {
    return deadLetters;
  }

  public PipelineFunction intake() {
    return intake;
  }

  public PipelineFunction prerequisites() {
    return prerequisites;
  }

  public PipelineFunction caseStudies() {
    return caseStudies;
  }

  public PipelineFunction publicUrls() {
    return publicUrls;
  }

  public PipelineFunction aggregate() {
    return aggregate;
  }

  public PipelineFunction failure() {
    return failure;
  }

  public PipelineFunction api() {
    return api;
  }

  public PipelineFunction redrive() {
    return redrive;
  }

  public PipelineFunction digest() {
    return digest;
  }

  public Queue parked() {
    return parked;
  }

  public List<PipelineFunction> all() {
    return List.of(intake, prerequisites, caseStudies, publicUrls, aggregate, failure, api, redrive, digest);
  }
}
