package dev.intake.aws;

import static dev.intake.contracts.LambdaEnvironment.SDK_CALL_TIMEOUT_MS;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * The SDK clients the pipeline uses, each built once on first use and then shared: build one
 * {@code AwsClients} per process (a handler's static field) and take the clients from it.
 *
 * <p>On AWS ({@link #fromEnvironment()}) the region comes from {@code AWS_REGION} and credentials
 * from the SDK's default provider chain (the Lambda role). For local use, a service whose endpoint
 * is overridden (dynalite, S3Proxy) gets static placeholder credentials instead; the S3 client then
 * also uses path-style addressing and computes/validates checksums only when an operation requires
 * them, because the flexible checksums SDK v2 sends by default make a PutObject to S3Proxy hang.
 *
 * <p>Every client uses the URL-connection HTTP client (the only one on the class path), the SDK's
 * standard retry mode, and bounded attempt and call timeouts. On AWS the stack gives each function
 * a call budget ({@code SDK_CALL_TIMEOUT_MS}, a quarter of its timeout): no call, retries included,
 * takes longer, and no attempt longer than half of it, so a slow service surfaces as a retryable
 * failure while the function still runs, instead of as a function timeout.
 */
public final class AwsClients implements AutoCloseable {

  /** Placeholder credentials for local servers; they guard nothing and are not a secret. */
  public static final String LOCAL_ACCESS_KEY_ID = "local";
  public static final String LOCAL_SECRET_ACCESS_KEY = "local-placeholder-not-a-secret";

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DYNAMODB_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DYNAMODB_CALL_TIMEOUT = Duration.ofSeconds(20);
  static final Duration S3_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
  static final Duration S3_CALL_TIMEOUT = Duration.ofSeconds(90);
  static final Duration SFN_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration SFN_CALL_TIMEOUT = Duration.ofSeconds(20);
  static final Duration SECRETS_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration SECRETS_CALL_TIMEOUT = Duration.ofSeconds(10);

  private final Region region;
  private final Duration callBudget;
  private final URI dynamoDbEndpoint;
  private final URI s3Endpoint;
  private final URI sfnEndpoint;
  private final URI secretsManagerEndpoint;
  private final URI snsEndpoint;
  private final AwsCredentialsProvider localCredentials;
  private final Lazy<AwsCredentialsProvider> defaultCredentials;
  private final Lazy<SdkHttpClient> httpClient;
  private final Lazy<DynamoDbClient> dynamoDb;
  private final Lazy<S3Client> s3;
  private final Lazy<S3Presigner> s3Presigner;
  private final Lazy<SfnClient> sfn;
  private final Lazy<SecretsManagerClient> secretsManager;
  private final Lazy<SnsClient> sns;

  private AwsClients(Builder b) {
    this.region = b.region != null ? b.region : regionFromEnvironment();
    this.callBudget = b.callBudget;
    this.dynamoDbEndpoint = b.dynamoDbEndpoint;
    this.s3Endpoint = b.s3Endpoint;
    this.sfnEndpoint = b.sfnEndpoint;
    this.secretsManagerEndpoint = b.secretsManagerEndpoint;
    this.snsEndpoint = b.snsEndpoint;
    this.localCredentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(b.accessKeyId, b.secretKey));
    this.defaultCredentials = new Lazy<>(() -> DefaultCredentialsProvider.builder().build());
    this.httpClient = new Lazy<>(() -> UrlConnectionHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT)
        .build());
    this.dynamoDb = new Lazy<>(this::buildDynamoDb);
    this.s3 = new Lazy<>(this::buildS3);
    this.s3Presigner = new Lazy<>(this::buildS3Presigner);
    this.sfn = new Lazy<>(this::buildSfn);
    this.secretsManager = new Lazy<>(this::buildSecretsManager);
    this.sns = new Lazy<>(this::buildSns);
  }

  /**
   * Clients for AWS: region from {@code AWS_REGION} (default us-east-1), default credentials chain,
   * the call budget from {@code SDK_CALL_TIMEOUT_MS} when it is set.
   */
  public static AwsClients fromEnvironment() {
    return builder().callBudget(callBudget(System.getenv())).build();
  }

  /**
   * The call budget an environment gives, or null when it gives none.
   *
   * @throws IllegalStateException when the value is not a positive number of milliseconds
   */
  public static Duration callBudget(Map<String, String> env) {
    String value = env.get(SDK_CALL_TIMEOUT_MS);
    if (value == null || value.isBlank()) {
      return null;
    }
    long millis;
    try {
      millis = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      millis = 0;
    }
    if (millis <= 0) {
      throw new IllegalStateException(SDK_CALL_TIMEOUT_MS + " must be a positive number of milliseconds, was '" + value
          + "'");
    }
    return Duration.ofMillis(millis);
  }

  /** The longest one call may take, retries included: the service's own bound, or the budget if lower. */
  Duration callTimeout(Duration serviceCall) {
    return callBudget == null || callBudget.compareTo(serviceCall) >= 0 ? serviceCall : callBudget;
  }

  /** The longest one attempt may take: the service's own bound, or half the budget if lower (two attempts fit). */
  Duration attemptTimeout(Duration serviceAttempt) {
    if (callBudget == null) {
      return serviceAttempt;
    }
    Duration half = callBudget.dividedBy(2);
    return half.compareTo(serviceAttempt) >= 0 ? serviceAttempt : half;
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

  public Region region() {
    return region;
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
    httpClient.ifBuilt(SdkHttpClient::close);
  }

  private DynamoDbClient buildDynamoDb() {
    DynamoDbClientBuilder b = DynamoDbClient.builder()
        .region(region)
        .httpClient(httpClient.get())
        .overrideConfiguration(overrides(DYNAMODB_ATTEMPT_TIMEOUT, DYNAMODB_CALL_TIMEOUT));
    if (dynamoDbEndpoint != null) {
      b.endpointOverride(dynamoDbEndpoint).credentialsProvider(localCredentials);
    } else {
      b.credentialsProvider(defaultCredentials.get());
    }
    return b.build();
  }

  private S3Client buildS3() {
    S3ClientBuilder b = S3Client.builder()
        .region(region)
        .httpClient(httpClient.get())
        .overrideConfiguration(overrides(S3_ATTEMPT_TIMEOUT, S3_CALL_TIMEOUT));
    if (s3Endpoint != null) {
      b.endpointOverride(s3Endpoint)
          .credentialsProvider(localCredentials)
          .forcePathStyle(true)
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    } else {
      b.credentialsProvider(defaultCredentials.get());
    }
    return b.build();
  }

  private S3Presigner buildS3Presigner() {
    S3Presigner.Builder b = S3Presigner.builder().region(region);
    if (s3Endpoint != null) {
      b.endpointOverride(s3Endpoint)
          .credentialsProvider(localCredentials)
          .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
    } else {
      b.credentialsProvider(defaultCredentials.get());
    }
    return b.build();
  }

  private SfnClient buildSfn() {
    SfnClientBuilder b = SfnClient.builder()
        .region(region)
        .httpClient(httpClient.get())
        .overrideConfiguration(overrides(SFN_ATTEMPT_TIMEOUT, SFN_CALL_TIMEOUT));
    if (sfnEndpoint != null) {
      b.endpointOverride(sfnEndpoint).credentialsProvider(localCredentials);
    } else {
      b.credentialsProvider(defaultCredentials.get());
    }
    return b.build();
  }

  private SecretsManagerClient buildSecretsManager() {
    SecretsManagerClientBuilder b = SecretsManagerClient.builder()
        .region(region)
        .httpClient(httpClient.get())
        .overrideConfiguration(overrides(SECRETS_ATTEMPT_TIMEOUT, SECRETS_CALL_TIMEOUT));
    if (secretsManagerEndpoint != null) {
      b.endpointOverride(secretsManagerEndpoint).credentialsProvider(localCredentials);
    } else {
      b.credentialsProvider(defaultCredentials.get());
    }
    return b.build();
  }

  private SnsClient buildSns() {
    // Step Functions' bounds: one small publish per call.
    SnsClientBuilder b = SnsClient.builder()
        .region(region)
        .httpClient(httpClient.get())
        .overrideConfiguration(overrides(SFN_ATTEMPT_TIMEOUT, SFN_CALL_TIMEOUT));
    if (snsEndpoint != null) {
      b.endpointOverride(snsEndpoint).credentialsProvider(localCredentials);
    } else {
      b.credentialsProvider(defaultCredentials.get());
    }
    return b.build();
  }

  /** The service's own attempt and call bounds, each lowered to the budget's share when that is lower. */
  private ClientOverrideConfiguration overrides(Duration serviceAttempt, Duration serviceCall) {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(RetryMode.STANDARD)
        .apiCallAttemptTimeout(attemptTimeout(serviceAttempt))
        .apiCallTimeout(callTimeout(serviceCall))
        .build();
  }

  private static Region regionFromEnvironment() {
    String name = System.getenv("AWS_REGION");
    return name == null || name.isBlank() ? Region.US_EAST_1 : Region.of(name.trim());
  }

  /** Configures {@link AwsClients}; every setting is optional. */
  public static final class Builder {

    private Region region;
    private Duration callBudget;
    private URI dynamoDbEndpoint;
    private URI s3Endpoint;
    private URI sfnEndpoint;
    private URI secretsManagerEndpoint;
    private URI snsEndpoint;
    private String accessKeyId = LOCAL_ACCESS_KEY_ID;
    private String secretKey = LOCAL_SECRET_ACCESS_KEY;

    private Builder() {
    }

    /** Overrides {@code AWS_REGION}. */
    public Builder region(Region region) {
      this.region = region;
      return this;
    }

    /** The longest one call may take, retries included (null: each service's own bound). */
    public Builder callBudget(Duration budget) {
      if (budget != null && (budget.isNegative() || budget.isZero())) {
        throw new IllegalArgumentException("the call budget must be positive, was " + budget);
      }
      this.callBudget = budget;
      return this;
    }

    /** A local DynamoDB-compatible endpoint (dynalite); null means AWS. */
    public Builder dynamoDbEndpoint(URI endpoint) {
      this.dynamoDbEndpoint = endpoint;
      return this;
    }

    /** A local S3-compatible endpoint (S3Proxy); null means AWS. */
    public Builder s3Endpoint(URI endpoint) {
      this.s3Endpoint = endpoint;
      return this;
    }

    /** A Step Functions endpoint other than AWS's (a test double); null means AWS. */
    public Builder sfnEndpoint(URI endpoint) {
      this.sfnEndpoint = endpoint;
      return this;
    }

    /** A Secrets Manager endpoint other than AWS's (a test double); null means AWS. */
    public Builder secretsManagerEndpoint(URI endpoint) {
      this.secretsManagerEndpoint = endpoint;
      return this;
    }

    /** An SNS stand-in's endpoint (tests), with the local credentials. */
    public Builder snsEndpoint(URI endpoint) {
      this.snsEndpoint = endpoint;
      return this;
    }

    /** The static credentials sent to overridden endpoints; default {@link #LOCAL_ACCESS_KEY_ID}. */
    public Builder localCredentials(String accessKeyId, String secretAccessKey) {
      this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
      this.secretKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      return this;
    }

    public AwsClients build() {
      return new AwsClients(this);
    }
  }

  /** A value built on first use, once, even when threads race for it. */
  private static final class Lazy<T> {

    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = factory.get();
            value = v;
          }
        }
      }
      return v;
    }

    void ifBuilt(Consumer<T> action) {
      T v = value;
      if (v != null) {
        action.accept(v);
      }
    }
  }
}
