package dev.intake.pipeline;

import dev.intake.contracts.BucketLayout;
import dev.intake.model.PartnerIds;
import dev.intake.model.Text;
import java.time.Instant;
import java.util.Objects;

/**
 * One object version an S3 event announced, already URL-decoded.
 *
 * @param versionId null when the bucket is not versioned
 * @param sequencer orders events for the same key (hex, compare after left-padding)
 */
public record UploadedObject(String bucket, String key, String versionId, String eTag, long size, String sequencer,
    Instant eventTime) {

  public UploadedObject {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(eventTime, "eventTime");
  }

  /** The folder-placeholder objects some S3 clients and S3Proxy list are not uploads. */
  public boolean isFolder() {
    return key.endsWith("/");
  }

  /**
   * The partner folder: {@code incoming/{partnerId}/…}, or {@link PartnerIds#UNASSIGNED} outside one
   * (and for the stray uploads' folder in any spelling).
   */
  public String partnerId() {
    String[] parts = key.split("/");
    if (parts.length >= 3 && key.startsWith(BucketLayout.INCOMING) && PartnerIds.isPartner(parts[1])) {
      return parts[1];
    }
    return PartnerIds.UNASSIGNED;
  }

  /**
   * The last part of the key, as the system shows it ({@link Text#visible}: a name with direction
   * overrides or invisible characters is shown without them). The key itself stays as S3 has it.
   */
  public String fileName() {
    int slash = key.lastIndexOf('/');
    return Text.visible(slash < 0 ? key : key.substring(slash + 1));
  }

  /**
   * The version id when the bucket keeps versions. Without one, the eTag and the event's sequencer:
   * a duplicate delivery of the same event repeats both, while uploading the same bytes again is a
   * new put with a new sequencer, so it is evaluated again.
   */
  public String submissionId() {
    return SubmissionIds.submissionId(bucket, key, versionId != null ? versionId
        : (eTag == null ? "" : eTag) + "@" + (sequencer == null ? "" : sequencer));
  }
}
