package dev.intake.pipeline;

import dev.intake.model.Summary;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One uploaded object version and what became of it: the record the store keeps and the API serves.
 *
 * @param documentId identifies the uploaded key (bucket and key): every version of one file shares it
 * @param sequencer the S3 event sequencer, which orders the versions of one key: hexadecimal as S3
 *     gives it (at most 64 digits); versions compare as the zero-padded strings, as S3 documents
 * @param summary null until evaluated
 * @param failure why it FAILED, or null
 */
public record Submission(
    String submissionId,
    String partnerId,
    String fileName,
    String bucket,
    String key,
    String versionId,
    String sequencer,
    String documentId,
    long sizeBytes,
    Instant receivedAt,
    LocalDate asOf,
    SubmissionStatus status,
    Summary summary,
    String checklistVersion,
    String partnerName,
    String reportKey,
    String annotatedKey,
    String failure,
    Instant updatedAt) {

  public Submission {
    Objects.requireNonNull(submissionId, "submissionId");
    Objects.requireNonNull(partnerId, "partnerId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(status, "status");
  }

  public Submission withStatus(SubmissionStatus next, Instant at) {
    return new Submission(submissionId, partnerId, fileName, bucket, key, versionId, sequencer, documentId,
        sizeBytes, receivedAt, asOf, next, summary, checklistVersion, partnerName, reportKey, annotatedKey, failure,
        at);
  }
}
