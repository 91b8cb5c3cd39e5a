package dev.intake.pipeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The program office's daily digest: what arrived since the previous business day's digest, what
 * the office's queue holds, and which submissions are overdue ({@link DigestService}).
 *
 * @param day the (UTC) day it is for
 * @param from the start of its window (the previous business day, at the same time)
 * @param to when it was made
 * @param receivedByStatus the window's submissions by status (every status, zeros included)
 * @param receivedByReview the window's submissions by review state (every state)
 * @param queueByReview the office's open queue by review state (NEW, IN_REVIEW)
 * @param dueToday submissions of the queue due on {@code day}
 * @param overdue the overdue submissions, oldest first
 */
public record Digest(
    LocalDate day,
    Instant from,
    Instant to,
    Map<SubmissionStatus, Integer> receivedByStatus,
    Map<Review.State, Integer> receivedByReview,
    Map<Review.State, Integer> queueByReview,
    int dueToday,
    List<Submission> overdue) {

  public Digest {
    receivedByStatus = Map.copyOf(receivedByStatus);
    receivedByReview = Map.copyOf(receivedByReview);
    queueByReview = Map.copyOf(queueByReview);
    overdue = List.copyOf(overdue);
  }

  public int received() {
    return receivedByStatus.values().stream().mapToInt(Integer::intValue).sum();
  }

  public int queue() {
    return queueByReview.values().stream().mapToInt(Integer::intValue).sum();
  }
}
