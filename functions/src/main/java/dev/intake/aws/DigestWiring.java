package dev.intake.aws;

import static dev.intake.contracts.LambdaEnvironment.API_BASE_URL;
import static dev.intake.contracts.LambdaEnvironment.POWERTOOLS_METRICS_NAMESPACE;
import static dev.intake.contracts.LambdaEnvironment.PROGRAM_OFFICE_TOPIC_ARN;

import dev.intake.aws.ClientFactory.Service;
import dev.intake.pipeline.DigestService;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The daily digest's composition on AWS: DynamoDB and SNS. It has no SnapStart priming of its own:
 * it runs once a day, and its work is queries and one publish.
 */
public final class DigestWiring {

  private static final Lazy<DigestWiring> FROM_ENVIRONMENT = new Lazy<>(() ->
      new DigestWiring(ClientFactory.fromEnvironment(), System.getenv(), Clock.systemUTC()));

  private final FunctionEnvironment env;
  private final Lazy<DynamoDbClient> dynamoDb;
  private final Lazy<SnsClient> sns;

  public DigestWiring(ClientFactory clients, Map<String, String> env, Clock clock) {
    this.env = new FunctionEnvironment(env, clock);
    this.dynamoDb = new Lazy<>(() -> clients.build(Service.DYNAMODB, DynamoDbClient.builder()));
    this.sns = new Lazy<>(() -> clients.build(Service.SNS, SnsClient.builder()));
  }

  public static DigestWiring fromEnvironment() {
    return FROM_ENVIRONMENT.get();
  }

  /** The daily digest, published to the program office's topic, its links to the API. */
  public DigestService digestService() {
    return new DigestService(DynamoDbSubmissionStore.fromEnvironment(dynamoDb.get(), env), env.clock(),
        env.get(API_BASE_URL, ""), new PowertoolsMetrics(env.get(POWERTOOLS_METRICS_NAMESPACE)),
        new SnsNotifier(sns.get(), env.required(PROGRAM_OFFICE_TOPIC_ARN)));
  }
}
