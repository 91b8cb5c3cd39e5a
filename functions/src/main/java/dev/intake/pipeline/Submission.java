package dev.intake.pipeline;

import dev.intake.model.Summary;
import dev.intake.model.Text;
import java.time.Instant;
import java.time.LocalDate;
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
    Instant updatedAt) {

  public Submission {
    Objects.requireNonNull(submissionId, "submissionId");
    Objects.requireNonNull(partnerId, "partnerId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(evaluation, "evaluation");
    // A failure's reason may quote the key or the workbook; it is shown to reviewers as it is kept.
    failure = failure == null ? null : Text.printable(failure);
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
    return new Submission(submissionId, partnerId, source, receivedAt, asOf, next, evaluation, failure, at);
  }

  public Submission withEvaluation(Evaluation next) {
    return new Submission(submissionId, partnerId, source, receivedAt, asOf, status, next, failure, updatedAt);
  }

  public Submission withFailure(String reason) {
    return new Submission(submissionId, partnerId, source, receivedAt, asOf, status, evaluation, reason, updatedAt);
  }
}
