package dev.intake.aws;

import static dev.intake.contracts.LambdaEnvironment.API_BASE_URL;
import static dev.intake.contracts.LambdaEnvironment.POWERTOOLS_METRICS_NAMESPACE;

import dev.intake.aws.ClientFactory.Service;
import dev.intake.pipeline.FailureService;
import dev.intake.pipeline.Threads;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The failure function's composition on AWS (the workflow's Catch target): DynamoDB only. It has
 * no SnapStart priming of its own: one conditional write, whose client the init phase builds.
 */
public final class FailureWiring {

  private static final Lazy<FailureWiring> FROM_ENVIRONMENT = new Lazy<>(() ->
      new FailureWiring(ClientFactory.fromEnvironment(), System.getenv(), Clock.systemUTC()));

  private final FunctionEnvironment env;
  private final Lazy<DynamoDbClient> dynamoDb;

  public FailureWiring(ClientFactory clients, Map<String, String> env, Clock clock) {
    this.env = new FunctionEnvironment(env, clock);
    this.dynamoDb = new Lazy<>(() -> clients.build(Service.DYNAMODB, DynamoDbClient.builder()));
  }

  public static FailureWiring fromEnvironment() {
    return FROM_ENVIRONMENT.get();
  }

  public FailureService failureService() {
    return new FailureService(DynamoDbSubmissionStore.fromEnvironment(dynamoDb.get(), env), env.clock(),
        new PowertoolsMetrics(env.get(POWERTOOLS_METRICS_NAMESPACE)), env.get(API_BASE_URL, ""))
        .withThreadSettle(Threads.Settle.sleeping(DynamoDbSubmissionStore.INDEX_SETTLE));
  }
}
