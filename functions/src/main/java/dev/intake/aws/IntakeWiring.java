package dev.intake.aws;

import static dev.intake.contracts.LambdaEnvironment.POWERTOOLS_METRICS_NAMESPACE;
import static dev.intake.contracts.LambdaEnvironment.REDRIVE_ATTEMPTS;
import static dev.intake.contracts.LambdaEnvironment.STATE_MACHINE_ARN;

import dev.intake.aws.ClientFactory.Service;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.Bundled;
import dev.intake.pipeline.IntakeService;
import dev.intake.pipeline.PipelineJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The intake family's composition on AWS (IntakeHandler, DeadLetterHandler): DynamoDB, S3, Step
 * Functions and the parser. Built once per container from the function's environment; the first
 * build registers {@link #prime()} with SnapStart.
 */
public final class IntakeWiring {

  private static final Lazy<IntakeWiring> FROM_ENVIRONMENT = new Lazy<>(() -> {
    IntakeWiring w = new IntakeWiring(ClientFactory.fromEnvironment(), System.getenv(), Clock.systemUTC());
    SnapStartPriming.register("intake", IntakeWiring::prime);
    return w;
  });

  private final FunctionEnvironment env;
  private final Lazy<DynamoDbClient> dynamoDb;
  private final Lazy<S3ObjectStore> objects;
  private final Lazy<SfnClient> sfn;

  public IntakeWiring(ClientFactory clients, Map<String, String> env, Clock clock) {
    this.env = new FunctionEnvironment(env, clock);
    this.dynamoDb = new Lazy<>(() -> clients.build(Service.DYNAMODB, DynamoDbClient.builder()));
    this.objects = new Lazy<>(() -> S3Clients.objectStore(clients));
    this.sfn = new Lazy<>(() -> clients.build(Service.SFN, SfnClient.builder()));
  }

  public static IntakeWiring fromEnvironment() {
    return FROM_ENVIRONMENT.get();
  }

  /** The clock the services and handlers built here tell time by. */
  public Clock clock() {
    return env.clock();
  }

  public IntakeService intakeService() {
    return new IntakeService(DynamoDbSubmissionStore.fromEnvironment(dynamoDb.get(), env), objects.get(),
        new SfnWorkflowStarter(sfn.get(), env.required(STATE_MACHINE_ARN)), new WorkbookParser(),
        AsOfPolicy.uploadDay(), env.clock(), new PowertoolsMetrics(env.get(POWERTOOLS_METRICS_NAMESPACE)));
  }

  /** Receives of a dead letter after which the upload is stored FAILED instead of retried. */
  public int redriveAttempts() {
    try {
      return Integer.parseInt(env.get(REDRIVE_ATTEMPTS, "5"));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(REDRIVE_ATTEMPTS + " must be a number", e);
    }
  }

  /**
   * Intake's own work on the bundled sample and on a file that is not a workbook: parse, and the
   * workflow's JSON of what was read. Returns the kinds of the two outcomes.
   */
  public static List<String> prime() {
    WorkbookParser parser = new WorkbookParser();
    List<String> kinds = new ArrayList<>();
    for (ParseOutcome outcome : List.of(
        parser.parse(Bundled.read(Bundled.PRIMING_WORKBOOK), "priming.xlsx"),
        parser.parse("not,a,workbook\n".getBytes(StandardCharsets.UTF_8), "priming.csv"))) {
      ParseOutcome read = PipelineJson.readParsed(PipelineJson.writeParsed(outcome));
      kinds.add(read.getClass().getSimpleName());
    }
    return kinds;
  }
}
