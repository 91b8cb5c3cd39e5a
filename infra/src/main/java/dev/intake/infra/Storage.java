package dev.intake.infra;

import dev.intake.contracts.BucketLayout;
import dev.intake.contracts.SubmissionsTable;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The data of the pipeline: the intake bucket (uploads, intermediate results, reports, the blank
 * template), its access-log bucket, the submissions table, and the key the API signs its page tokens
 * with (a Secrets Manager secret), all encrypted with one customer-managed key.
 *
 * <p>One retention setting ({@code retentionDays}) drives both the reports' lifecycle rule and the
 * table's time to live, so a row the API can still read never points at a report S3 has deleted:
 * the store stamps every item of a submission with {@value #TTL_ATTRIBUTE} = received + retention,
 * before the report exists, and S3 counts the report's days from its own, later, creation.
 */
public final class Storage extends Construct {

  /** Key prefixes of the intake bucket; the handlers use the same ones. */
  public static final String INCOMING = BucketLayout.INCOMING;
  public static final String WORK = BucketLayout.WORK;
  public static final String REPORTS = BucketLayout.REPORTS;
  public static final String TEMPLATES = BucketLayout.TEMPLATES;

  /**
   * Uploads are kept a little over a year, long enough for a competency renewal cycle (never longer
   * than the retention, so no upload outlives its submission).
   */
  static final int INCOMING_DAYS = 400;
  /** The table's time-to-live attribute (epoch seconds); DynamoDbSubmissionStore writes the same name. */
  public static final String TTL_ATTRIBUTE = SubmissionsTable.TTL_ATTRIBUTE;
  /** Check results the workflow passes between states; the report replaces them within minutes. */
  static final int WORK_DAYS = 7;
  /** Overwritten objects (a partner re-uploading the same file name) are kept this long. */
  static final int NONCURRENT_DAYS = 30;
  static final int ACCESS_LOG_DAYS = 365;
  /** Characters of the generated page-token key: letters and digits, about 380 bits. */
  static final int PAGE_TOKEN_KEY_CHARS = 64;

  private final Key dataKey;
  private final Bucket accessLogs;
  private final Bucket intake;
  private final Table table;
  private final Secret pageTokenKey;

  private final int retentionDays;

  public Storage(Construct scope, String id, int retentionDays) {
    super(scope, id);
    this.retentionDays = retentionDays;

    dataKey = Key.Builder.create(this, "DataKey")
        .description("Competency intake: uploads, reports and the submissions table")
        .enableKeyRotation(true)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();

    accessLogs = Bucket.Builder.create(this, "AccessLogs")
        // S3 server access logging can only deliver to a bucket whose default encryption is SSE-S3
        // (AES256); SSE-KMS on the target bucket is not supported by the log delivery.
        .encryption(BucketEncryption.S3_MANAGED)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .enforceSsl(true)
        .versioned(true)
        .lifecycleRules(List.of(LifecycleRule.builder()
            .id("expire-access-logs")
            .expiration(Duration.days(ACCESS_LOG_DAYS))
            .noncurrentVersionExpiration(Duration.days(NONCURRENT_DAYS))
            .build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    // No access logs of its own: cdk-nag (S1) accepts a bucket that is itself a log destination.

    intake = Bucket.Builder.create(this, "IntakeBucket")
        .encryption(BucketEncryption.KMS)
        .encryptionKey(dataKey)
        // One data key per bucket instead of one KMS call per object: cheaper and faster, and the
        // encryption context becomes the bucket ARN (the partner policy's KMS condition uses it).
        .bucketKeyEnabled(true)
        .versioned(true)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .enforceSsl(true)
        .minimumTlsVersion(1.2)
        .serverAccessLogsBucket(accessLogs)
        .serverAccessLogsPrefix("intake/")
        .lifecycleRules(List.of(
            LifecycleRule.builder()
                .id("incoming")
                .prefix(INCOMING)
                .expiration(Duration.days(Math.min(INCOMING_DAYS, retentionDays)))
                .noncurrentVersionExpiration(Duration.days(NONCURRENT_DAYS))
                .build(),
            LifecycleRule.builder()
                .id("work")
                .prefix(WORK)
                .expiration(Duration.days(WORK_DAYS))
                .noncurrentVersionExpiration(Duration.days(1))
                .build(),
            LifecycleRule.builder()
                .id("reports")
                .prefix(REPORTS)
                .expiration(Duration.days(retentionDays))
                .noncurrentVersionExpiration(Duration.days(NONCURRENT_DAYS))
                .build(),
            LifecycleRule.builder()
                .id("abort-incomplete-uploads")
                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                .build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();

    table = Table.Builder.create(this, "Submissions")
        .partitionKey(Attribute.builder().name(SubmissionsTable.PARTITION_KEY).type(AttributeType.STRING).build())
        .sortKey(Attribute.builder().name(SubmissionsTable.SORT_KEY).type(AttributeType.STRING).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .encryption(TableEncryption.CUSTOMER_MANAGED)
        .encryptionKey(dataKey)
        .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
            .pointInTimeRecoveryEnabled(true)
            .build())
        .deletionProtection(true)
        .timeToLiveAttribute(TTL_ATTRIBUTE)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    // The indexes the DynamoDB store adapter queries.
    for (SubmissionsTable.Index index : SubmissionsTable.Index.values()) {
      table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
          .indexName(index.indexName())
          .partitionKey(Attribute.builder().name(index.partitionKey()).type(AttributeType.STRING).build())
          .sortKey(Attribute.builder().name(index.sortKey()).type(AttributeType.STRING).build())
          .projectionType(ProjectionType.ALL)
          .build());
    }

    // Generated at deploy time, never in code or the template; only the API function may read it.
    pageTokenKey = Secret.Builder.create(this, "PageTokenKey")
        .description("Competency intake: the key the reviewer API signs its page tokens with (HMAC-SHA256); "
            + "rotate with put-secret-value (docs/deploy.md)")
        .encryptionKey(dataKey)
        .generateSecretString(SecretStringGenerator.builder()
            .passwordLength(PAGE_TOKEN_KEY_CHARS)
            .excludePunctuation(true)
            .includeSpace(false)
            .build())
        // Nothing outlives a page token: a new stack's new key costs open pages nothing worth keeping.
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();
    Nag.suppress(pageTokenKey, "AwsSolutions-SMG4",
        "Rotated by hand (docs/deploy.md: put-secret-value with a new random value). The key only keeps a "
            + "caller from editing where its own listing resumes (the API checks every token's query and "
            + "partner behind the signature), and the API accepts the AWSPREVIOUS version, so a rotation "
            + "breaks no open page; a rotation function would add a Lambda and its permissions for no "
            + "stronger guarantee.");
  }

  /** Days a submission's reports and rows are kept. */
  public int retentionDays() {
    return retentionDays;
  }

  public Key dataKey() {
    return dataKey;
  }

  public Bucket accessLogs() {
    return accessLogs;
  }

  public Bucket intake() {
    return intake;
  }

  public Table table() {
    return table;
  }

  /** The secret whose value signs the API's page tokens. */
  public Secret pageTokenKey() {
    return pageTokenKey;
  }
}
