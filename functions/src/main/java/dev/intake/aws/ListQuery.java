package dev.intake.aws;

import dev.intake.pipeline.SubmissionStatus;

/**
 * Which index a listing reads and with which partition value; a page token is only ever valid
 * for the query that issued it.
 */
record ListQuery(
    String index,
    String partitionAttribute,
    String sortAttribute,
    String partitionValue,
    String partnerId,
    SubmissionStatus status) {

  static ListQuery of(String partnerId, SubmissionStatus status) {
    if (partnerId != null) {
      return new ListQuery(DynamoDbSubmissionStore.INDEX_BY_PARTNER, "GSI1PK", "GSI1SK",
          DynamoDbSubmissionStore.PARTNER_PREFIX + partnerId, partnerId, status);
    }
    if (status != null) {
      return new ListQuery(DynamoDbSubmissionStore.INDEX_BY_STATUS, "GSI2PK", "GSI2SK",
          DynamoDbSubmissionStore.STATUS_PREFIX + status.name(), null, status);
    }
    return new ListQuery(DynamoDbSubmissionStore.INDEX_ALL, "GSI3PK", "GSI3SK",
        DynamoDbSubmissionStore.ALL_PARTITION, null, null);
  }

  /**
   * A status to filter on after the key condition, or null: only a partner's listing has one, since
   * the status index already is the status.
   */
  SubmissionStatus filterStatus() {
    return partnerId != null ? status : null;
  }
}
