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
  boolean saveEvaluation(String submissionId, FindingsReport report, String reportKey, String annotatedKey,
      Instant at);

  /** Marks a non-terminal submission FAILED with a reason; false when it was already terminal. */
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
  Page<Submission> list(String partnerId, SubmissionStatus status, int limit, String nextToken);

  /**
   * Every stored version of one document (same bucket and key), in upload order: by
   * {@link SubmissionIds#sortableSequencer}, not by the sequencer's raw string.
   */
  List<Submission> history(String documentId);

  /**
   * Appends a decision; the decision id makes a retried append a no-op (a retry passes the same
   * decision, with the same {@code at}).
   */
  void addDecision(Decision decision);

  /** Decisions in the order they were made (by their {@code at}). */
  List<Decision> decisions(String submissionId);
}
