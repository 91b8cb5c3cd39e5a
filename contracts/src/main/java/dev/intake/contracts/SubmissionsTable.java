package dev.intake.contracts;

/**
 * The key schema of the submissions table: created by the CDK stack on AWS and by the store
 * adapter itself locally, and queried by the adapter. Every key attribute is a string.
 */
public final class SubmissionsTable {

  /** The table's partition key: {@code SUB#{submissionId}} for a submission and everything of it. */
  public static final String PARTITION_KEY = "PK";
  /** The table's sort key: {@code META}, {@code FINDING#…} or {@code DECISION#…}. */
  public static final String SORT_KEY = "SK";
  /** The table's time-to-live attribute (epoch seconds), set on every item when the store has a retention. */
  public static final String TTL_ATTRIBUTE = "expiresAt";

  private SubmissionsTable() {
  }

  /** The global secondary indexes the store queries; each projects every attribute. */
  public enum Index {
    /** A partner's submissions, newest first. */
    BY_PARTNER("byPartner", "GSI1PK", "GSI1SK"),
    /** The submissions in one status, newest first. */
    BY_STATUS("byStatus", "GSI2PK", "GSI2SK"),
    /** Every submission, newest first. */
    ALL("all", "GSI3PK", "GSI3SK"),
    /** Every version of one uploaded file, in upload order. */
    BY_DOCUMENT("byDocument", "GSI4PK", "GSI4SK"),
    /**
     * Evaluated submissions by where the office's review stands (the open queue, changes requested,
     * accepted), by time received: the queue oldest first, and the overdue ones as a range of it.
     */
    BY_REVIEW("byReview", "GSI5PK", "GSI5SK");

    private final String indexName;
    private final String partitionKey;
    private final String sortKey;

    Index(String indexName, String partitionKey, String sortKey) {
      this.indexName = indexName;
      this.partitionKey = partitionKey;
      this.sortKey = sortKey;
    }

    public String indexName() {
      return indexName;
    }

    public String partitionKey() {
      return partitionKey;
    }

    public String sortKey() {
      return sortKey;
    }
  }
}
