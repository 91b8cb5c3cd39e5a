package dev.intake.aws;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What every SDK client of one process shares, and the one place a client is configured from it:
 * the region, the call budget, the credentials, the one HTTP client, and the endpoint of a service
 * that runs locally. It names no service's client type: each function family's wiring builds only
 * the clients it uses ({@link #build}), so the family's artifact carries no other service's SDK
 * module; {@link AwsClients} builds all of them for the local runtime and the tests.
 *
 * <p>On AWS ({@link #fromEnvironment()}) the region comes from {@code AWS_REGION} and credentials
 * from the SDK's default provider chain (the Lambda role). A service whose endpoint is overridden
 * (dynalite, S3Proxy, a test's stand-in) gets static placeholder credentials instead.
 *
 * <p>Every client uses the URL-connection HTTP client (the only one on the class path), the SDK's
 * standard retry mode, and bounded attempt and call timeouts. On AWS the stack gives each function
 * a call budget ({@code SDK_CALL_TIMEOUT_MS}, a quarter of its timeout): no call, retries included,
 * takes longer, and no attempt longer than half of it, so a slow service surfaces as a retryable
 * failure while the function still runs, instead of as a function timeout.
 */
public final class ClientFactory implements AutoCloseable {

  /** Placeholder credentials for local servers; they guard nothing and are not a secret. */
  public static final String LOCAL_ACCESS_KEY_ID = "local";
  public static final String LOCAL_SECRET_ACCESS_KEY = "local-placeholder-not-a-secret";

  static final Duration CONNECT_TIMEOUT = CallBounds.CONNECT_TIMEOUT;
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

  /** The services the pipeline calls, each with its own bounds on one attempt and one call. */
  public enum Service {
    DYNAMODB(Duration.ofSeconds(5), Duration.ofSeconds(20)),
    S3(CallBounds.S3_ATTEMPT, CallBounds.S3_CALL),
    SFN(Duration.ofSeconds(5), Duration.ofSeconds(20)),
    SECRETS_MANAGER(Duration.ofSeconds(3), Duration.ofSeconds(10)),
    // Step Functions' bounds: one small publish per call.
    SNS(Duration.ofSeconds(5), Duration.ofSeconds(20));

    private final Duration attemptTimeout;
    private final Duration callTimeout;

    Service(Duration attemptTimeout, Duration callTimeout) {
      this.attemptTimeout = attemptTimeout;
      this.callTimeout = callTimeout;
    }

    /** The longest one attempt may take, whatever the budget. */
    public Duration attemptTimeout() {
      return attemptTimeout;
    }

    /** The longest one call may take, retries included, whatever the budget. */
    public Duration callTimeout() {
      return callTimeout;
    }
  }

  private final Region region;
  private final Duration callBudget;
  private final Map<Service, URI> endpoints;
  private final SigningCredentials localKeys;
  private final AwsCredentialsProvider localCredentials;
  private final Lazy<AwsCredentialsProvider> defaultCredentials;
  private final Lazy<SdkHttpClient> httpClient;

  private ClientFactory(Builder b) {
    this.region = b.region != null ? b.region : regionFromEnvironment();
    this.callBudget = b.callBudget;
    this.endpoints = b.endpoints.isEmpty() ? Map.of() : new EnumMap<>(b.endpoints);
    this.localKeys = SigningCredentials.of(b.accessKeyId, b.secretKey);
    this.localCredentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(b.accessKeyId, b.secretKey));
    this.defaultCredentials = new Lazy<>(() -> DefaultCredentialsProvider.builder().build());
    this.httpClient = new Lazy<>(() -> UrlConnectionHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT)
        .build());
  }

  /**
   * Settings for AWS: region from {@code AWS_REGION} (default us-east-1), default credentials chain,
   * the call budget from {@code SDK_CALL_TIMEOUT_MS} when it is set.
   */
  public static ClientFactory fromEnvironment() {
    return builder().callBudget(callBudget(System.getenv())).build();
  }

  /**
   * The call budget an environment gives, or null when it gives none.
   *
   * @throws IllegalStateException when the value is not a positive number of milliseconds
   */
  public static Duration callBudget(Map<String, String> env) {
    return CallBounds.callBudget(env);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Region region() {
    return region;
  }

  /** Whether {@code service} runs locally here (its endpoint overridden). */
  public boolean isLocal(Service service) {
    return endpoints.containsKey(service);
  }

  /** The credentials a client of {@code service} signs with: the placeholders locally, else the default chain. */
  public AwsCredentialsProvider credentials(Service service) {
    return isLocal(service) ? localCredentials : defaultCredentials.get();
  }

  /**
   * S3 as these clients reach it, for the check functions' own S3 adapter ({@link S3WorkObjects}):
   * the same region, endpoint, bounds and credentials as the SDK client {@link S3Clients} builds.
   */
  public S3Connection s3Connection() {
    Supplier<SigningCredentials> keys = isLocal(Service.S3)
        ? () -> localKeys
        : LambdaCredentials.fromEnvironment(System.getenv(), Clock.systemUTC());
    return new S3Connection(region.id(), endpoint(Service.S3), CONNECT_TIMEOUT,
        attemptTimeout(Service.S3.attemptTimeout()), callTimeout(Service.S3.callTimeout()), keys);
  }

  /** The overridden endpoint of {@code service}, or null for AWS's own. */
  URI endpoint(Service service) {
    return endpoints.get(service);
  }

  /**
   * A client of {@code service} from its SDK builder: this process's region, HTTP client, retry mode,
   * bounds and credentials, and its local endpoint when it has one.
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(Service service, B builder) {
    builder.region(region)
        .httpClient(httpClient.get())
        .overrideConfiguration(overrides(service))
        .credentialsProvider(credentials(service));
    URI endpoint = endpoints.get(service);
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  /** The longest one call may take, retries included: the service's own bound, or the budget if lower. */
  Duration callTimeout(Duration serviceCall) {
    return CallBounds.callTimeout(callBudget, serviceCall);
  }

  /** The longest one attempt may take: the service's own bound, or half the budget if lower (two attempts fit). */
  Duration attemptTimeout(Duration serviceAttempt) {
    return CallBounds.attemptTimeout(callBudget, serviceAttempt);
  }

  /** The service's own attempt and call bounds, each lowered to the budget's share when that is lower. */
  private ClientOverrideConfiguration overrides(Service service) {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(RetryMode.STANDARD)
        .apiCallAttemptTimeout(attemptTimeout(service.attemptTimeout()))
        .apiCallTimeout(callTimeout(service.callTimeout()))
        .build();
  }

  /** Closes the shared HTTP client; the clients built here stop working with it. */
  @Override
  public void close() {
    httpClient.ifBuilt(SdkHttpClient::close);
  }

  private static Region regionFromEnvironment() {
    return Region.of(S3Connection.regionName(System.getenv()));
  }

  /** Configures a {@link ClientFactory}; every setting is optional. */
  public static final class Builder {

    private Region region;
    private Duration callBudget;
    private final Map<Service, URI> endpoints = new EnumMap<>(Service.class);
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

    /** A local endpoint of {@code service} (dynalite, S3Proxy, a test's stand-in); null means AWS. */
    public Builder endpoint(Service service, URI endpoint) {
      if (endpoint == null) {
        endpoints.remove(service);
      } else {
        endpoints.put(service, endpoint);
      }
      return this;
    }

    /** The static credentials sent to overridden endpoints; default {@link #LOCAL_ACCESS_KEY_ID}. */
    public Builder localCredentials(String accessKeyId, String secretAccessKey) {
      this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
      this.secretKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      return this;
    }

    public ClientFactory build() {
      return new ClientFactory(this);
    }
  }
}
