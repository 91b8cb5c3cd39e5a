package dev.intake.contracts;

/**
 * The environment variables the CDK stack sets on the pipeline's functions and the Lambda code
 * reads (each function family's wiring in {@code dev.intake.aws}). A name spelled differently on
 * the two sides would pass every local test and fail only on AWS, so both sides take it from here.
 */
public final class LambdaEnvironment {

  /** The submissions table's name. */
  public static final String TABLE_NAME = "TABLE_NAME";
  /** The intake bucket's name (uploads, work objects, reports, the blank template). */
  public static final String BUCKET_NAME = "BUCKET_NAME";
  /** The submission workflow's ARN: intake and the re-drive start it, the API reads its history. */
  public static final String STATE_MACHINE_ARN = "STATE_MACHINE_ARN";
  /** "true" turns on the live fetch of public case-study pages (the public-URL check only). */
  public static final String URL_CHECK_ENABLED = "URL_CHECK_ENABLED";
  /** The reviewer API's base URL, for the links in notifications. */
  public static final String API_BASE_URL = "API_BASE_URL";
  /** The program office's SNS topic, where the daily digest function publishes. */
  public static final String PROGRAM_OFFICE_TOPIC_ARN = "PROGRAM_OFFICE_TOPIC_ARN";
  /** Receives of a dead letter after which the re-drive stores the upload FAILED. */
  public static final String REDRIVE_ATTEMPTS = "REDRIVE_ATTEMPTS";
  /** Days a submission's rows are kept (the table's TTL), on the functions that write rows. */
  public static final String RETENTION_DAYS = "RETENTION_DAYS";
  /** Every function's budget for one SDK call, retries included, in milliseconds (below its timeout). */
  public static final String SDK_CALL_TIMEOUT_MS = "SDK_CALL_TIMEOUT_MS";
  /** Comma-separated IAM role names whose callers are reviewers. */
  public static final String REVIEWER_PRINCIPALS = "REVIEWER_PRINCIPALS";
  /** The name prefix of the partners' roles; the rest of the name is the partner id. */
  public static final String PARTNER_ROLE_PREFIX = "PARTNER_ROLE_PREFIX";
  /** The web console's origin (https://…): the one origin the API's answers allow (CORS). */
  public static final String CONSOLE_ORIGIN = "CONSOLE_ORIGIN";
  /**
   * The API function only: the ARN of the Secrets Manager secret whose value signs the list's page
   * tokens (HMAC); the version labelled AWSPREVIOUS is accepted too, so a rotation breaks no page.
   */
  public static final String PAGE_TOKEN_SECRET_ARN = "PAGE_TOKEN_SECRET_ARN";

  /** Powertools for AWS Lambda reads these three itself; the code reads the namespace too. */
  public static final String POWERTOOLS_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
  public static final String POWERTOOLS_METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
  public static final String POWERTOOLS_LOG_LEVEL = "POWERTOOLS_LOG_LEVEL";

  private LambdaEnvironment() {
  }
}
