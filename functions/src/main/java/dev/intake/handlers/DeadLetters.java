package dev.intake.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.UploadedObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Reads Lambda's on-failure destination record of an S3 event (the body of a dead letter). */
final class DeadLetters {

  /**
   * One dead letter.
   *
   * @param uploads the uploads of the S3 event intake gave up on
   * @param reason why, as Lambda recorded it: the condition and the function's error message
   */
  record DeadLetter(List<UploadedObject> uploads, String reason) {

    DeadLetter {
      uploads = List.copyOf(uploads);
    }
  }

  private DeadLetters() {
  }

  /**
   * @throws IllegalArgumentException when the body is not an on-failure record of an S3 event
   */
  static DeadLetter read(String body, Instant now) {
    JsonNode record = PipelineJson.tree(body.getBytes(StandardCharsets.UTF_8));
    JsonNode payload = record.path("requestPayload");
    if (!payload.has("Records")) {
      throw new IllegalArgumentException("the message is not an on-failure record of an S3 event");
    }
    String reason = record.path("requestContext").path("condition").asText("") + ": "
        + record.path("responsePayload").path("errorMessage").asText("");
    return new DeadLetter(S3Events.uploads(payload, now), reason);
  }
}
