package dev.intake.handlers;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.intake.pipeline.UploadedObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Reads an S3 event record into the pipeline's terms. */
final class S3Events {

  private S3Events() {
  }

  /**
   * @param now the event time to use when a record has none (never seen from S3 itself)
   */
  static UploadedObject upload(S3EventNotificationRecord record, Instant now) {
    var s3 = record.getS3();
    var object = s3.getObject();
    // Keys arrive URL-encoded, with '+' for spaces.
    String key = URLDecoder.decode(object.getKey(), StandardCharsets.UTF_8);
    Instant at = record.getEventTime() == null
        ? now
        : Instant.ofEpochMilli(record.getEventTime().getMillis());
    Long size = object.getSizeAsLong();
    return new UploadedObject(s3.getBucket().getName(), key, blankToNull(object.getVersionId()),
        blankToNull(object.geteTag()), size == null ? 0 : size, object.getSequencer(), at);
  }

  /** Blank, or the literal "null" S3 reports for objects put while versioning is suspended, means none. */
  private static String blankToNull(String s) {
    return s == null || s.isBlank() || s.equals("null") ? null : s;
  }
}
