package dev.intake.aws;

import dev.intake.pipeline.StoreUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts SDK failures into the passing ones a caller may retry (the store could not be reached,
 * throttled us or failed on its side, after the SDK's own retries) and the rest.
 */
final class AwsFailures {

  private AwsFailures() {
  }

  /** Whether the failure is about reaching the service rather than about the request. */
  static boolean transientFailure(SdkException e) {
    if (e instanceof SdkClientException) {
      return true;
    }
    if (e instanceof AwsServiceException service) {
      return service.isThrottlingException() || service.statusCode() >= 500;
    }
    return false;
  }

  /**
   * The exception to throw for {@code e}: a {@link StoreUnavailableException} when it is transient,
   * otherwise {@code e} itself (a bug or a misconfiguration: retrying it would not help).
   */
  static RuntimeException translate(String operation, SdkException e) {
    if (transientFailure(e)) {
      return new StoreUnavailableException(operation + " failed: " + e.getMessage(), e);
    }
    return e;
  }

  /** Waits before another attempt; an interrupt ends the waiting as the store being unavailable. */
  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("Interrupted while waiting to retry", e);
    }
  }
}
