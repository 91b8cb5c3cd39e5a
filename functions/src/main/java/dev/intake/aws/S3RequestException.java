package dev.intake.aws;

/**
 * S3 refused a request of the check functions' adapter ({@link S3WorkObjects}) for a reason retrying
 * would not mend — access denied, no such bucket, a bad signature: a misconfiguration or a bug, the
 * counterpart of the SDK's S3Exception that {@link S3ObjectStore} lets through. Failures a retry
 * may mend are {@link dev.intake.pipeline.StoreUnavailableException}s instead.
 */
public final class S3RequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String errorCode;

  S3RequestException(String operation, int statusCode, String errorCode) {
    super(operation + " failed: S3 answered " + statusCode + (errorCode == null ? "" : " " + errorCode));
    this.statusCode = statusCode;
    this.errorCode = errorCode;
  }

  /** The HTTP status S3 answered with. */
  public int statusCode() {
    return statusCode;
  }

  /** S3's error code ({@code AccessDenied}, {@code NoSuchBucket}, …), or null when the answer had none. */
  public String errorCode() {
    return errorCode;
  }
}
