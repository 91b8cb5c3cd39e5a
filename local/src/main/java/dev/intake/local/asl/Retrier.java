package dev.intake.local.asl;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * One entry of a state's Retry field. Defaults follow the spec: IntervalSeconds 1, MaxAttempts 3,
 * BackoffRate 2.0, no MaxDelaySeconds, JitterStrategy NONE.
 *
 * @param maxDelaySeconds the cap on one delay, or 0 for none
 */
record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
    int maxDelaySeconds, Jitter jitter) {

  static final int DEFAULT_INTERVAL_SECONDS = 1;
  static final int DEFAULT_MAX_ATTEMPTS = 3;
  static final double DEFAULT_BACKOFF_RATE = 2.0;

  /** The JitterStrategy field. */
  enum Jitter { FULL, NONE }

  Retrier {
    errorEquals = List.copyOf(errorEquals);
  }

  boolean matches(String error) {
    return ErrorNames.matches(errorEquals, error);
  }

  /**
   * The delay before retry number {@code retry} (1 for the first retry): IntervalSeconds times
   * BackoffRate to the power retry-1, capped by MaxDelaySeconds; FULL jitter picks a uniformly random
   * delay between zero and that.
   */
  Duration delayBefore(int retry, Random random) {
    double seconds = intervalSeconds * Math.pow(backoffRate, retry - 1);
    if (maxDelaySeconds > 0) {
      seconds = Math.min(seconds, maxDelaySeconds);
    }
    if (jitter == Jitter.FULL) {
      seconds = seconds * random.nextDouble();
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
