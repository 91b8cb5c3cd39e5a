package dev.intake.handlers;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.pipeline.UploadedObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * The uploads of an S3 event in its JSON form (as it comes back inside a Lambda on-failure
   * destination record), read with the same rules as {@link #upload}.
   */
  static List<UploadedObject> uploads(JsonNode event, Instant now) {
    List<UploadedObject> out = new ArrayList<>();
    for (JsonNode record : event.path("Records")) {
      JsonNode s3 = record.path("s3");
      JsonNode object = s3.path("object");
      String bucket = s3.path("bucket").path("name").asText(null);
      String key = object.path("key").asText(null);
      if (bucket == null || key == null) {
        throw new IllegalArgumentException("an S3 event record without a bucket name or object key");
      }
      Instant at = record.hasNonNull("eventTime") ? Instant.parse(record.get("eventTime").asText()) : now;
      out.add(new UploadedObject(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8),
          blankToNull(object.path("versionId").asText(null)), blankToNull(object.path("eTag").asText(null)),
          object.path("size").asLong(0), object.path("sequencer").asText(null), at));
    }
    return List.copyOf(out);
  }

  /** Blank, or the literal "null" S3 reports for objects put while versioning is suspended, means none. */
  private static String blankToNull(String s) {
    return s == null || s.isBlank() || s.equals("null") ? null : s;
  }
}
