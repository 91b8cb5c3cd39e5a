package dev.intake.aws;

import dev.intake.pipeline.SubmissionStatus;

/**
 * Which index a listing reads and with which partition value; a page token is only ever valid
 * for the query that issued it.
 *
 * @param filterStatus a status to filter on after the key condition, or null
 */
record ListQuery(
    String index,
    String partitionAttribute,
    String sortAttribute,
    String partitionValue,
    SubmissionStatus filterStatus,
    String partnerId,
    SubmissionStatus status) {

  static ListQuery of(String partnerId, SubmissionStatus status) {
    if (partnerId != null) {
      return new ListQuery(DynamoDbSubmissionStore.INDEX_BY_PARTNER, "GSI1PK", "GSI1SK",
          DynamoDbSubmissionStore.PARTNER_PREFIX + partnerId, status, partnerId, status);
    }
    if (status != null) {
      return new ListQuery(DynamoDbSubmissionStore.INDEX_BY_STATUS, "GSI2PK", "GSI2SK",
          DynamoDbSubmissionStore.STATUS_PREFIX + status.name(), null, null, status);
    }
    return new ListQuery(DynamoDbSubmissionStore.INDEX_ALL, "GSI3PK", "GSI3SK",
        DynamoDbSubmissionStore.ALL_PARTITION, null, null, null);
  }
}
