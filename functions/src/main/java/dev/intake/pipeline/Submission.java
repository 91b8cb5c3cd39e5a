package dev.intake.pipeline;

import dev.intake.model.Summary;
import dev.intake.model.Text;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * One uploaded object version and what became of it: the record the store keeps and the API serves.
 * Its parts are groups that change together: the {@link Source} is fixed at intake, the
 * {@link Evaluation} is filled in by the aggregate step, the failure by whatever gave up on it.
 *
 * @param source the uploaded object
 * @param asOf the date the checks judge it on (the upload day unless fixed)
 * @param evaluation never null: {@link Evaluation#NONE} until the workbook is read
 * @param failure why it FAILED, or null
 * @param updatedAt when its status last moved
 * @param previousSubmissionId the partner's latest submission the rules judged (READY or
 *     ACTION_REQUIRED) received before this one, for a judged one; null for the partner's first, for a
 *     REJECTED or FAILED one (not compared) and for stray uploads (partner {@code unassigned}, never
 *     threaded). A partner's judged submissions form one thread through it, whatever the file names
 *     ({@link Threads}).
 * @param supersededBy the partner's earliest judged submission received after this one, once there is
 *     one (for a REJECTED or FAILED one too, which stays out of the thread otherwise): the office's
 *     answer is owed on the later one, so this one is never overdue and leaves the open queue
 * @param review where the office's review stands, projected from the decisions; never null
 */
public record Submission(
    String submissionId,
    String partnerId,
    Source source,
    Instant receivedAt,
    LocalDate asOf,
    SubmissionStatus status,
    Evaluation evaluation,
    String failure,
    Instant updatedAt,
    String previousSubmissionId,
    String supersededBy,
    Review review) {

  /**
   * The order submissions are received in: by time received, then by id (two uploads in the same
   * instant). Every listing and every thread follows it; the DynamoDB store's index keys sort the same.
   */
  public static final Comparator<Submission> RECEIVED_ORDER =
      Comparator.comparing(Submission::receivedAt).thenComparing(Submission::submissionId);

  public Submission {
    Objects.requireNonNull(submissionId, "submissionId");
    Objects.requireNonNull(partnerId, "partnerId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(evaluation, "evaluation");
    // A failure's reason may quote the key or the workbook; it is shown to reviewers as it is kept.
    failure = failure == null ? null : Text.printable(failure);
    review = review == null ? Review.NONE : review;
  }

  /** A submission outside any thread, with no decision yet. */
  public Submission(String submissionId, String partnerId, Source source, Instant receivedAt, LocalDate asOf,
      SubmissionStatus status, Evaluation evaluation, String failure, Instant updatedAt) {
    this(submissionId, partnerId, source, receivedAt, asOf, status, evaluation, failure, updatedAt, null, null,
        Review.NONE);
  }

  /**
   * The object that was uploaded: where it is and which file it was. Fields are null where the event
   * did not say (an unversioned bucket has no version id).
   *
   * @param documentId identifies the uploaded key (bucket and key): every version of one file shares it
   * @param sequencer the S3 event sequencer, which orders the versions of one key: hexadecimal as S3
   *     gives it (at most 64 digits); versions compare by {@link SubmissionIds#sortableSequencer}
   */
  public record Source(
      String bucket,
      String key,
      String versionId,
      String sequencer,
      String documentId,
      String fileName,
      long sizeBytes) {

    /** A source known by nothing but its id (tests, and records older than the fields). */
    public static final Source UNKNOWN = new Source(null, null, null, null, null, null, 0L);

    /** The file name is shown to people: kept as {@link Text#visible} gives it, whatever stored it. */
    public Source {
      fileName = visibleOrNull(fileName);
    }

    public static Source of(UploadedObject upload) {
      return new Source(upload.bucket(), upload.key(), upload.versionId(), upload.sequencer(),
          SubmissionIds.documentId(upload.bucket(), upload.key()), upload.fileName(), upload.size());
    }
  }

  /**
   * What the checks made of the workbook. Before the verdict only what the workbook declares is known
   * (its partner name and checklist version, read at intake); the verdict adds the summary and the
   * locations of the report and the annotated copy.
   *
   * @param summary null until evaluated
   * @param annotatedKey null when there is no annotated copy (a rejected file)
   */
  public record Evaluation(
      Summary summary,
      String checklistVersion,
      String partnerName,
      String reportKey,
      String annotatedKey) {

    /** Nothing known yet. */
    public static final Evaluation NONE = new Evaluation(null, null, null, null, null);

    /** The declared version and name are the partner's text: kept as {@link Text#visible} gives it. */
    public Evaluation {
      checklistVersion = visibleOrNull(checklistVersion);
      partnerName = visibleOrNull(partnerName);
    }

    /** What intake read from the workbook, before any check ran. */
    public static Evaluation declared(String checklistVersion, String partnerName) {
      return new Evaluation(null, checklistVersion, partnerName, null, null);
    }
  }

  private static String visibleOrNull(String partnerText) {
    return partnerText == null ? null : Text.visible(partnerText);
  }

  /** Received now: status RECEIVED, nothing evaluated. */
  public static Submission received(String submissionId, String partnerId, Source source, Instant receivedAt,
      LocalDate asOf, Instant at) {
    return new Submission(submissionId, partnerId, source, receivedAt, asOf, SubmissionStatus.RECEIVED,
        Evaluation.NONE, null, at);
  }

  public Submission withStatus(SubmissionStatus next, Instant at) {
    return new Submission(submissionId, partnerId, source, receivedAt, asOf, next, evaluation, failure, at,
        previousSubmissionId, supersededBy, review);
  }

  public Submission withEvaluation(Evaluation next) {
    return new Submission(submissionId, partnerId, source, receivedAt, asOf, status, next, failure, updatedAt,
        previousSubmissionId, supersededBy, review);
  }

  public Submission withFailure(String reason) {
    return new Submission(submissionId, partnerId, source, receivedAt, asOf, status, evaluation, reason, updatedAt,
        previousSubmissionId, supersededBy, review);
  }

  public Submission withPrevious(String previous) {
    return new Submission(submissionId, partnerId, source, receivedAt, asOf, status, evaluation, failure, updatedAt,
        previous, supersededBy, review);
  }

  public Submission withSupersededBy(String later) {
    return new Submission(submissionId, partnerId, source, receivedAt, asOf, status, evaluation, failure, updatedAt,
        previousSubmissionId, later, review);
  }

  public Submission withReview(Review next) {
    return new Submission(submissionId, partnerId, source, receivedAt, asOf, status, evaluation, failure, updatedAt,
        previousSubmissionId, supersededBy, next);
  }

  /** The uploaded file's name (null when the event did not give it). */
  public String fileName() {
    return source.fileName();
  }

  /**
   * The status once reviewers' overrides are counted: an ACTION_REQUIRED submission whose every
   * blocker was overridden is READY; anything else is its status.
   */
  public SubmissionStatus effectiveStatus() {
    Summary summary = evaluation.summary();
    if (status == SubmissionStatus.ACTION_REQUIRED && summary != null
        && summary.blockers() - review.overriddenBlockers() <= 0) {
      return SubmissionStatus.READY;
    }
    return status;
  }

  /** Judged by the rules (READY or ACTION_REQUIRED): such submissions form a partner's thread and are compared. */
  public boolean judged() {
    return status == SubmissionStatus.READY || status == SubmissionStatus.ACTION_REQUIRED;
  }

  /** The day the office's answer is due ({@link DueDates}). */
  public LocalDate dueBy() {
    return DueDates.dueBy(receivedAt);
  }

  /**
   * In the office's open queue: evaluated (any terminal status, FAILED included: someone must
   * answer), not answered yet (review NEW or IN_REVIEW) and not replaced by a later submission.
   */
  public boolean awaitingOffice() {
    return status.terminal() && review.state().open() && supersededBy == null;
  }

  /** Awaiting the office past its due date, on {@code today} (UTC). */
  public boolean overdue(LocalDate today) {
    return awaitingOffice() && today.isAfter(dueBy());
  }
}
