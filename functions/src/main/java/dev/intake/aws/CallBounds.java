package dev.intake.aws;

import static dev.intake.contracts.LambdaEnvironment.SDK_CALL_TIMEOUT_MS;

import java.time.Duration;
import java.util.Map;

/**
 * How long one AWS call and one attempt of it may take, from the function's call budget
 * ({@code SDK_CALL_TIMEOUT_MS}): shared by {@link ClientFactory}'s SDK clients and the check
 * functions' own S3 adapter ({@link S3WorkObjects}), and free of SDK types so the checks' artifact
 * can carry it without the SDK.
 */
final class CallBounds {

  /** S3's own bounds on one attempt and one call, whatever the budget (large objects move through it). */
  static final Duration S3_ATTEMPT = Duration.ofSeconds(30);
  static final Duration S3_CALL = Duration.ofSeconds(90);

  /** The longest opening one connection may take, for every client. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private CallBounds() {
  }

  /**
   * The call budget an environment gives, or null when it gives none.
   *
   * @throws IllegalStateException when the value is not a positive number of milliseconds
   */
  static Duration callBudget(Map<String, String> env) {
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
  static Duration callTimeout(Duration budget, Duration serviceCall) {
    return budget == null || budget.compareTo(serviceCall) >= 0 ? serviceCall : budget;
  }

  /** The longest one attempt may take: the service's own bound, or half the budget if lower (two attempts fit). */
  static Duration attemptTimeout(Duration budget, Duration serviceAttempt) {
    if (budget == null) {
      return serviceAttempt;
    }
    Duration half = budget.dividedBy(2);
    return half.compareTo(serviceAttempt) >= 0 ? serviceAttempt : half;
  }
}
