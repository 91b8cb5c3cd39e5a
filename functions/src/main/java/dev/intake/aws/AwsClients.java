package dev.intake.aws;

import dev.intake.aws.ClientFactory.Service;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Every SDK client the pipeline uses, each built once on first use by one {@link ClientFactory} and
 * then shared: for the local runtime, the CLI and the tests, which run every function in one
 * process. No Lambda function uses this class: each function family's wiring builds only its own
 * clients from a {@link ClientFactory}, so its artifact needs no other service's SDK module.
 */
public final class AwsClients implements AutoCloseable {

  /** Placeholder credentials for local servers; they guard nothing and are not a secret. */
  public static final String LOCAL_ACCESS_KEY_ID = ClientFactory.LOCAL_ACCESS_KEY_ID;
  public static final String LOCAL_SECRET_ACCESS_KEY = ClientFactory.LOCAL_SECRET_ACCESS_KEY;

  private final ClientFactory factory;
  private final Lazy<DynamoDbClient> dynamoDb;
  private final Lazy<S3Client> s3;
  private final Lazy<S3Presigner> s3Presigner;
  private final Lazy<SfnClient> sfn;
  private final Lazy<SecretsManagerClient> secretsManager;
  private final Lazy<SnsClient> sns;

  private AwsClients(ClientFactory factory) {
    this.factory = factory;
    this.dynamoDb = new Lazy<>(() -> factory.build(Service.DYNAMODB, DynamoDbClient.builder()));
    this.s3 = new Lazy<>(() -> S3Clients.client(factory));
    this.s3Presigner = new Lazy<>(() -> S3Clients.presigner(factory));
    this.sfn = new Lazy<>(() -> factory.build(Service.SFN, SfnClient.builder()));
    this.secretsManager = new Lazy<>(() -> factory.build(Service.SECRETS_MANAGER, SecretsManagerClient.builder()));
    this.sns = new Lazy<>(() -> factory.build(Service.SNS, SnsClient.builder()));
  }

  /** Clients for AWS, as {@link ClientFactory#fromEnvironment()} configures them. */
  public static AwsClients fromEnvironment() {
    return new AwsClients(ClientFactory.fromEnvironment());
  }

  /** @see ClientFactory#callBudget(Map) */
  public static Duration callBudget(Map<String, String> env) {
    return ClientFactory.callBudget(env);
  }

  /**
   * Clients for local servers: DynamoDB at {@code dynamoDbEndpoint} (dynalite) and S3 at
   * {@code s3Endpoint} (S3Proxy), either may be null; placeholder credentials
   * ({@link #LOCAL_ACCESS_KEY_ID}).
   */
  public static AwsClients local(URI dynamoDbEndpoint, URI s3Endpoint) {
    return builder().dynamoDbEndpoint(dynamoDbEndpoint).s3Endpoint(s3Endpoint).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The settings these clients were built with; a function family's wiring builds its own from them. */
  public ClientFactory factory() {
    return factory;
  }

  public Region region() {
    return factory.region();
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb.get();
  }

  public S3Client s3() {
    return s3.get();
  }

  public S3Presigner s3Presigner() {
    return s3Presigner.get();
  }

  /** SNS, for the daily digest (the workflow publishes the other notifications itself). */
  public SnsClient sns() {
    return sns.get();
  }

  public SfnClient sfn() {
    return sfn.get();
  }

  public SecretsManagerClient secretsManager() {
    return secretsManager.get();
  }

  @Override
  public void close() {
    dynamoDb.ifBuilt(DynamoDbClient::close);
    s3.ifBuilt(S3Client::close);
    s3Presigner.ifBuilt(S3Presigner::close);
    sfn.ifBuilt(SfnClient::close);
    secretsManager.ifBuilt(SecretsManagerClient::close);
    sns.ifBuilt(SnsClient::close);
    factory.close();
  }

  /** Configures {@link AwsClients}; every setting is optional. */
  public static final class Builder {

    private final ClientFactory.Builder factory = ClientFactory.builder();

    private Builder() {
    }

    /** Overrides {@code AWS_REGION}. */
    public Builder region(Region region) {
      factory.region(region);
      return this;
    }

    /** The longest one call may take, retries included (null: each service's own bound). */
    public Builder callBudget(Duration budget) {
      factory.callBudget(budget);
      return this;
    }

    /** A local DynamoDB-compatible endpoint (dynalite); null means AWS. */
    public Builder dynamoDbEndpoint(URI endpoint) {
      factory.endpoint(Service.DYNAMODB, endpoint);
      return this;
    }

    /** A local S3-compatible endpoint (S3Proxy); null means AWS. */
    public Builder s3Endpoint(URI endpoint) {
      factory.endpoint(Service.S3, endpoint);
      return this;
    }

    /** A Step Functions endpoint other than AWS's (a test double); null means AWS. */
    public Builder sfnEndpoint(URI endpoint) {
      factory.endpoint(Service.SFN, endpoint);
      return this;
    }

    /** A Secrets Manager endpoint other than AWS's (a test double); null means AWS. */
    public Builder secretsManagerEndpoint(URI endpoint) {
      factory.endpoint(Service.SECRETS_MANAGER, endpoint);
      return this;
    }

    /** An SNS stand-in's endpoint (tests), with the local credentials. */
    public Builder snsEndpoint(URI endpoint) {
      factory.endpoint(Service.SNS, endpoint);
      return this;
    }

    /** The static credentials sent to overridden endpoints; default {@link #LOCAL_ACCESS_KEY_ID}. */
    public Builder localCredentials(String accessKeyId, String secretAccessKey) {
      factory.localCredentials(accessKeyId, secretAccessKey);
      return this;
    }

    public AwsClients build() {
      return new AwsClients(factory.build());
    }
  }
}
