package dev.intake.pipeline;

import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where submissions, their findings and reviewer decisions live. Every write is conditional: a
 * status never moves backwards, and a retried write cannot duplicate a finding or a decision.
 * Implementations throw {@link StoreUnavailableException} when the store cannot be reached, so a
 * caller can retry; {@link IllegalArgumentException} for a malformed page token.
 */
public interface SubmissionStore {

  /**
   * Stores a new submission; false (and no change) when one with its id already exists.
   *
   * @throws IllegalArgumentException when its sequencer is not 1 to 64 hexadecimal digits (only
   *     such sequencers have an order: {@link SubmissionIds#sortableSequencer})
   */
  boolean create(Submission submission);

  Optional<Submission> get(String submissionId);

  /**
   * Moves a submission to {@code next} if that is forward from where it is. Returns false (no
   * change) when it is already there or beyond, or when there is no such submission.
   */
  boolean advance(String submissionId, SubmissionStatus next, Instant at);

  /**
   * Records an evaluation: its findings (replacing none that exist: keys are the finding's index),
   * then its terminal status, summary and report locations, if the submission is not terminal yet.
   * Returns false when it was already terminal (a retried or duplicate evaluation: nothing is
   * written, not even findings) or does not exist.
   */
  default boolean saveEvaluation(String submissionId, FindingsReport report, String reportKey, String annotatedKey,
      Instant at) {
    return saveEvaluation(submissionId, report, reportKey, annotatedKey, null, at);
  }

  /**
   * As {@link #saveEvaluation(String, FindingsReport, String, String, Instant)}, linking the submission to
   * the partner's previous judged one in the same write (so it usually never shows as evaluated without
   * its thread; {@link #linkPrevious} moves the link later if an evaluation in between finishes after).
   * The evaluated submission enters the office's queue: review NEW, due in five business days.
   *
   * @param previous the submission {@link Submission#previousSubmissionId()} names, or null (nothing
   *     is written then: a link is never cleared)
   */
  boolean saveEvaluation(String submissionId, FindingsReport report, String reportKey, String annotatedKey,
      Submission previous, Instant at);

  /**
   * Marks a non-terminal submission FAILED with a reason; false when it was already terminal. A
   * FAILED submission enters the office's queue like an evaluated one: someone must answer it.
   */
  boolean markFailed(String submissionId, String reason, Instant at);

  List<Finding> findings(String submissionId);

  /**
   * Newest first. {@code partnerId} and {@code status} filter when not null; {@code nextToken} is
   * the token of the previous page or null. A page may hold fewer than {@code limit} items and still
   * have a next token (the store bounds the work of one call); a null token means the end.
   *
   * @throws IllegalArgumentException when {@code limit} is outside 1..100, or the token is malformed
   *     or was issued for another query (another partner or status)
   */
  default Page<Submission> list(String partnerId, SubmissionStatus status, int limit, String nextToken) {
    return list(SubmissionQuery.of(partnerId, status), limit, nextToken);
  }

  /**
   * The submissions {@code query} {@link SubmissionQuery#matches matches}, in its order (by time
   * received). Paging as {@link #list(String, SubmissionStatus, int, String)}; a token is valid only
   * for the query it was issued for (every field but the overdue day's date).
   */
  Page<Submission> list(SubmissionQuery query, int limit, String nextToken);

  /**
   * The partner's latest judged submission (READY or ACTION_REQUIRED) received before {@code s}
   * (in {@link Submission#RECEIVED_ORDER}): the one {@code s} follows in the partner's thread.
   */
  Optional<Submission> previousJudged(Submission s);

  /** The partner's earliest judged submission received after {@code s} (in {@link Submission#RECEIVED_ORDER}). */
  Optional<Submission> nextJudged(Submission s);

  /**
   * The partner's submissions received before {@code s}, latest first, down to and including the
   * latest judged one (all of them when none is judged): what a judged {@code s} answers.
   */
  List<Submission> sinceLastJudged(Submission s);

  /**
   * Links a submission to {@code previous} as the one it follows, if it follows none yet or one received
   * before {@code previous} (in {@link Submission#RECEIVED_ORDER}): a link only ever moves to a later
   * submission, so concurrent callers converge on the latest. False, and no change, otherwise or when
   * there is no such submission.
   */
  boolean linkPrevious(String submissionId, Submission previous);

  /**
   * Records that {@code later} supersedes a terminal submission (and, while its review is open, takes it
   * out of the office's queue), if nothing supersedes it yet or something received after {@code later}
   * does (in {@link Submission#RECEIVED_ORDER}): the link only ever moves to an earlier submission, so
   * concurrent callers converge on the earliest. False, and no change, otherwise, when the submission is
   * not terminal yet (its own verdict links it) or does not exist.
   */
  boolean supersede(String submissionId, Submission later);

  /**
   * {@link #supersede(String, Submission)}, given the submission as the caller last read it (from a thread
   * query, say): a store may write on the condition that it is still so and read it only when it is not,
   * which saves a read in the usual case. The outcome is the same as the other method's.
   */
  default boolean supersede(Submission current, Submission later) {
    return supersede(current.submissionId(), later);
  }

  /**
   * Every stored version of one document (same bucket and key), in upload order: by
   * {@link SubmissionIds#sortableSequencer}, not by the sequencer's raw string.
   */
  List<Submission> history(String documentId);

  /**
   * Appends a decision under its sequence number, if no decision holds that number yet. True when
   * stored, and for a retry of the same decision (same id); false when another decision holds the
   * number (someone decided meanwhile): nothing is written.
   */
  boolean addDecision(Decision decision);

  /** The decisions in sequence order. */
  List<Decision> decisions(String submissionId);

  /**
   * Writes the submission's review projection if it includes more decisions than the stored one
   * (a projection never moves back); false, and no change, otherwise or when there is no such
   * submission.
   */
  boolean saveReview(String submissionId, Review review);
}
