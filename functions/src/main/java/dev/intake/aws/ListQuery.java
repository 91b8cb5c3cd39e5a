package dev.intake.aws;

import dev.intake.contracts.SubmissionsTable.Index;
import dev.intake.pipeline.DueDates;
import dev.intake.pipeline.Review;
import dev.intake.pipeline.SubmissionQuery;
import dev.intake.pipeline.SubmissionStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a {@link SubmissionQuery} is read: which index, with which partition value, which range of its
 * sort key (time received), in which order, and what is filtered after the key condition. A page
 * token is only ever valid for the query that issued it ({@link #identity()}).
 *
 * <p>Index choice: a partner's listing reads the partner index and filters; a review-state or
 * overdue listing reads the review index (the overdue ones are a range of the open queue: everything
 * received before {@link DueDates#overdueBefore}); a status listing the status index; the rest the
 * index of all submissions.
 *
 * @param lower the least sort key (inclusive), or null
 * @param upper the sort key every result is below, or null
 * @param filters filter conditions, joined with AND; empty for none
 * @param nothing true when the query cannot match anything (overdue and a closed review state)
 */
record ListQuery(
    Index index,
    String partitionValue,
    String partnerId,
    SubmissionStatus status,
    Review.State review,
    boolean oldestFirst,
    boolean overdue,
    String lower,
    String upper,
    List<String> filters,
    Map<String, String> filterNames,
    Map<String, AttributeValue> filterValues,
    boolean nothing) {

  ListQuery {
    filters = List.copyOf(filters);
    filterNames = Map.copyOf(filterNames);
    filterValues = Map.copyOf(filterValues);
  }

  /** The listing before the review loop: a partner and/or a status, newest first. */
  static ListQuery of(String partnerId, SubmissionStatus status) {
    return of(SubmissionQuery.of(partnerId, status));
  }

  static ListQuery of(SubmissionQuery q) {
    boolean overdue = q.overdueOn() != null;
    String lower = q.receivedFrom() == null ? null : SubmissionItems.time(q.receivedFrom());
    String upper = overdue ? SubmissionItems.time(DueDates.overdueBefore(q.overdueOn())) : null;
    boolean nothing = overdue && q.review() != null && !q.review().open();
    List<String> filters = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    Index index;
    String partition;
    if (q.partnerId() != null) {
      index = Index.BY_PARTNER;
      partition = SubmissionItems.PARTNER_PREFIX + q.partnerId();
      if (q.review() != null || overdue) {
        String reviewPartition = q.review() != null ? SubmissionItems.reviewPartition(q.review())
            : SubmissionItems.REVIEW_OPEN;
        filters.add(Index.BY_REVIEW.partitionKey() + " = :rp");
        values.put(":rp", SubmissionItems.s(reviewPartition));
      }
    } else if (q.review() != null || overdue) {
      index = Index.BY_REVIEW;
      partition = q.review() != null ? SubmissionItems.reviewPartition(q.review()) : SubmissionItems.REVIEW_OPEN;
    } else if (q.status() != null) {
      index = Index.BY_STATUS;
      partition = SubmissionItems.STATUS_PREFIX + q.status().name();
    } else {
      index = Index.ALL;
      partition = SubmissionItems.ALL_PARTITION;
    }
    if (q.status() != null && index != Index.BY_STATUS) {
      filters.add("#status = :status");
      names.put("#status", "status");
      values.put(":status", SubmissionItems.s(q.status().name()));
    }
    if (q.review() != null && q.review().open()) {
      // The open partition holds both open states.
      filters.add("reviewState = :rs");
      values.put(":rs", SubmissionItems.s(q.review().name()));
    }
    return new ListQuery(index, partition, q.partnerId(), q.status(), q.review(), q.oldestFirst(), overdue, lower,
        upper, filters, names, values, nothing);
  }

  String partitionAttribute() {
    return index.partitionKey();
  }

  String sortAttribute() {
    return index.sortKey();
  }

  boolean filtered() {
    return !filters.isEmpty();
  }

  /** The key condition, with {@code #pk} and {@code #sk} for the index's keys. */
  String keyCondition() {
    if (lower != null && upper != null) {
      return "#pk = :pk AND #sk BETWEEN :lo AND :hi";
    }
    if (lower != null) {
      return "#pk = :pk AND #sk >= :lo";
    }
    if (upper != null) {
      // A bare time sorts before every key of that time ("{time}#{id}"): below it is before it.
      return "#pk = :pk AND #sk < :hi";
    }
    return "#pk = :pk";
  }

  /** Every name and value the key condition and the filters use. */
  Map<String, String> names() {
    Map<String, String> names = new LinkedHashMap<>(filterNames);
    names.put("#pk", partitionAttribute());
    if (lower != null || upper != null) {
      names.put("#sk", sortAttribute());
    }
    return names;
  }

  Map<String, AttributeValue> values() {
    Map<String, AttributeValue> values = new LinkedHashMap<>(filterValues);
    values.put(":pk", SubmissionItems.s(partitionValue));
    if (lower != null) {
      values.put(":lo", SubmissionItems.s(lower));
    }
    if (upper != null) {
      values.put(":hi", SubmissionItems.s(upper));
    }
    return values;
  }

  /**
   * What a page token is tied to: the index and every choice of the query, but not the overdue day
   * itself (a token of yesterday's overdue listing still resumes it today) nor the received-from bound.
   */
  List<String> identity() {
    return Arrays.asList(index.indexName(), partnerId, status == null ? null : status.name(),
        review == null ? null : review.name(), String.valueOf(oldestFirst), String.valueOf(overdue));
  }
}
