package dev.intake.aws;

import dev.intake.contracts.SubmissionsTable.Index;
import dev.intake.pipeline.SubmissionStatus;

/**
 * Which index a listing reads and with which partition value; a page token is only ever valid
 * for the query that issued it.
 */
record ListQuery(
    Index index,
    String partitionValue,
    String partnerId,
    SubmissionStatus status) {

  static ListQuery of(String partnerId, SubmissionStatus status) {
    if (partnerId != null) {
      return new ListQuery(Index.BY_PARTNER, SubmissionItems.PARTNER_PREFIX + partnerId, partnerId, status);
    }
    if (status != null) {
      return new ListQuery(Index.BY_STATUS, SubmissionItems.STATUS_PREFIX + status.name(), null, status);
    }
    return new ListQuery(Index.ALL, SubmissionItems.ALL_PARTITION, null, null);
  }

  String partitionAttribute() {
    return index.partitionKey();
  }

  String sortAttribute() {
    return index.sortKey();
  }

  /**
   * A status to filter on after the key condition, or null: only a partner's listing has one, since
   * the status index already is the status.
   */
  SubmissionStatus filterStatus() {
    return partnerId != null ? status : null;
  }
}
