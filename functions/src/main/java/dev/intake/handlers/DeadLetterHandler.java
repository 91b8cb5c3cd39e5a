package dev.intake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.aws.AwsWiring;
import dev.intake.pipeline.IntakeService;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.UploadedObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake dead-letter queue's consumer: each message is Lambda's on-failure record of an S3
 * event intake gave up on. It runs intake again; on the last attempt a failure is stored as a FAILED
 * submission instead, so no upload ends unseen. A message that fails is reported back alone (partial
 * batch response) and comes back later; SQS parks it after its redrive limit.
 */
public final class DeadLetterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

  private final IntakeService intake;
  private final int attempts;

  /** Used by the Lambda runtime: collaborators from the environment, built once per container. */
  public DeadLetterHandler() {
    this(AwsWiring.fromEnvironment().intakeService(), AwsWiring.fromEnvironment().redriveAttempts());
  }

  /** @param attempts receives of one message after which a failure is stored rather than retried */
  public DeadLetterHandler(IntakeService intake, int attempts) {
    this.intake = intake;
    this.attempts = attempts;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      try {
        redrive(message);
      } catch (RuntimeException e) {
        LOG.warn("Dead letter {} not settled yet (receive {}): {}", message.getMessageId(), receives(message),
            e.toString());
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }

  private void redrive(SQSEvent.SQSMessage message) {
    JsonNode record = PipelineJson.tree(message.getBody().getBytes(StandardCharsets.UTF_8));
    JsonNode payload = record.path("requestPayload");
    if (!payload.has("Records")) {
      // Not an on-failure record of an S3 event: nothing here can be re-driven, and nothing is dropped
      // either; it fails until SQS parks it, where the alarm on the parked queue brings a person.
      throw new IllegalArgumentException("the message is not an on-failure record of an S3 event");
    }
    String lastError = record.path("requestContext").path("condition").asText("") + ": "
        + record.path("responsePayload").path("errorMessage").asText("");
    boolean last = receives(message) >= attempts;
    for (UploadedObject upload : S3Events.uploads(payload, Instant.now())) {
      IntakeService.Redrive outcome = intake.redrive(upload, lastError, last);
      LOG.info("Dead letter {}: {} {}", message.getMessageId(), upload.key(), outcome);
    }
  }

  private static int receives(SQSEvent.SQSMessage message) {
    String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
    try {
      return count == null ? 1 : Integer.parseInt(count);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
