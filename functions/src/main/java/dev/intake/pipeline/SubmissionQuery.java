package dev.intake.pipeline;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a listing of submissions asks for. {@link #matches} is the meaning every store implements
 * (the DynamoDB store through its indexes, the test fake by filtering).
 *
 * @param partnerId one partner's submissions, or null for every partner
 * @param status one status, or null for every status
 * @param review one review state, or null for any: only evaluated submissions have a review the
 *     office can act on, so only they match; for the open states (NEW, IN_REVIEW) the listing is the
 *     office's queue, which leaves out submissions a later one of the partner superseded
 * @param oldestFirst the order, by time received (newest first when false)
 * @param overdueOn only the submissions overdue on that (UTC) day ({@link Submission#overdue}), or null
 * @param receivedFrom only the submissions received at or after it, or null
 */
public record SubmissionQuery(
    String partnerId,
    SubmissionStatus status,
    Review.State review,
    boolean oldestFirst,
    LocalDate overdueOn,
    Instant receivedFrom) {

  /** Every submission, newest first. */
  public static final SubmissionQuery ALL = new SubmissionQuery(null, null, null, false, null, null);

  /** One partner's submissions and/or one status, newest first (the listing before the review loop). */
  public static SubmissionQuery of(String partnerId, SubmissionStatus status) {
    return new SubmissionQuery(partnerId, status, null, false, null, null);
  }

  public SubmissionQuery withPartner(String id) {
    return new SubmissionQuery(id, status, review, oldestFirst, overdueOn, receivedFrom);
  }

  public SubmissionQuery withStatus(SubmissionStatus s) {
    return new SubmissionQuery(partnerId, s, review, oldestFirst, overdueOn, receivedFrom);
  }

  public SubmissionQuery withReview(Review.State state) {
    return new SubmissionQuery(partnerId, status, state, oldestFirst, overdueOn, receivedFrom);
  }

  public SubmissionQuery oldestFirst(boolean oldest) {
    return new SubmissionQuery(partnerId, status, review, oldest, overdueOn, receivedFrom);
  }

  public SubmissionQuery overdueOn(LocalDate day) {
    return new SubmissionQuery(partnerId, status, review, oldestFirst, day, receivedFrom);
  }

  public SubmissionQuery receivedFrom(Instant from) {
    return new SubmissionQuery(partnerId, status, review, oldestFirst, overdueOn, from);
  }

  /** Whether {@code s} belongs in this listing. */
  public boolean matches(Submission s) {
    if (partnerId != null && !partnerId.equals(s.partnerId())) {
      return false;
    }
    if (status != null && status != s.status()) {
      return false;
    }
    if (review != null && !(inReviewIndex(s) && s.review().state() == review)) {
      return false;
    }
    if (overdueOn != null && !s.overdue(overdueOn)) {
      return false;
    }
    return receivedFrom == null || !s.receivedAt().isBefore(receivedFrom);
  }

  /**
   * Listed by review state: evaluated, and, while the review is open, not superseded (a superseded
   * submission the office has not answered is no longer part of its queue).
   */
  public static boolean inReviewIndex(Submission s) {
    return s.status().terminal() && !(s.review().state().open() && s.supersededBy() != null);
  }
}
