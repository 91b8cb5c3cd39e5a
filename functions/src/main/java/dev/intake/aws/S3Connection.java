package dev.intake.aws;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where and how the check functions' S3 adapter ({@link S3WorkObjects}) reaches S3, in no SDK type:
 * the region, the endpoint (null for AWS's own; S3Proxy or a test's stand-in otherwise), the bounds
 * on one connection, attempt and call, and the credentials it signs with. On AWS it comes from the
 * function's environment ({@link #fromEnvironment}); locally from the {@link ClientFactory} the
 * other clients are built by ({@link ClientFactory#s3Connection()}), so both adapters share one
 * endpoint, one set of bounds and one set of credentials.
 */
public record S3Connection(String region, URI endpoint, Duration connectTimeout, Duration attemptTimeout,
    Duration callTimeout, Supplier<SigningCredentials> credentials) {

  static final String AWS_REGION = "AWS_REGION";
  /** The SDK's names for an endpoint override, S3's own and every service's. */
  public static final String ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
  static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";
  static final String DEFAULT_REGION = "us-east-1";

  public S3Connection {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
    Objects.requireNonNull(credentials, "credentials");
  }

  /**
   * A Lambda function's connection: the region from {@code AWS_REGION}, AWS's endpoint (unless
   * overridden as for the SDK, {@link #endpointOverride}), S3's bounds
   * lowered to the function's call budget ({@code SDK_CALL_TIMEOUT_MS}), the function role's
   * credentials ({@link LambdaCredentials}).
   */
  public static S3Connection fromEnvironment(Map<String, String> env, Clock clock) {
    Duration budget = CallBounds.callBudget(env);
    return new S3Connection(regionName(env), endpointOverride(env), CallBounds.CONNECT_TIMEOUT,
        CallBounds.attemptTimeout(budget, CallBounds.S3_ATTEMPT), CallBounds.callTimeout(budget, CallBounds.S3_CALL),
        LambdaCredentials.fromEnvironment(env, clock));
  }

  /**
   * The endpoint the SDK's own clients would take from {@code env}: {@code AWS_ENDPOINT_URL_S3}, else
   * {@code AWS_ENDPOINT_URL}, else none (AWS's). The stack sets neither; a local run of a function's
   * artifact does (LambdaJarIT), for the SDK clients and this adapter alike.
   */
  static URI endpointOverride(Map<String, String> env) {
    for (String name : new String[] {ENDPOINT_URL_S3, ENDPOINT_URL}) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return URI.create(value.strip());
      }
    }
    return null;
  }

  /** The region {@code env} names in {@code AWS_REGION}, else us-east-1. */
  static String regionName(Map<String, String> env) {
    String name = env.get(AWS_REGION);
    return name == null || name.isBlank() ? DEFAULT_REGION : name.strip();
  }

  /** Whether S3 runs locally here (its endpoint overridden): path-style addressing then. */
  public boolean isLocal() {
    return endpoint != null;
  }
}
