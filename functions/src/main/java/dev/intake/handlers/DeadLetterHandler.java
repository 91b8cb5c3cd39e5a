package dev.intake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.intake.aws.IntakeWiring;
import dev.intake.pipeline.IntakeService;
import dev.intake.pipeline.UploadedObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake dead-letter queue's consumer: each message is Lambda's on-failure record of an S3
 * event intake gave up on, handed to {@link IntakeService#redrive}. A message that fails (or is not
 * such a record) is reported back alone (partial batch response) and comes back later; nothing is
 * dropped: SQS parks it after its redrive limit, where an alarm brings a person.
 */
public final class DeadLetterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

  private final IntakeService intake;
  private final int attempts;
  private final Clock clock;

  /** Used by the Lambda runtime: collaborators from the environment, built once per container. */
  public DeadLetterHandler() {
    this(IntakeWiring.fromEnvironment());
  }

  /** The runtime's composition from one function's environment; also how a test runs it with another. */
  public DeadLetterHandler(IntakeWiring wiring) {
    this(wiring.intakeService(), wiring.redriveAttempts(), wiring.clock());
  }

  /** @param attempts the receive of one message that is its last attempt */
  public DeadLetterHandler(IntakeService intake, int attempts, Clock clock) {
    this.intake = intake;
    this.attempts = attempts;
    this.clock = clock;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      try {
        DeadLetters.DeadLetter letter = DeadLetters.read(message.getBody(), clock.instant());
        for (UploadedObject upload : letter.uploads()) {
          LOG.info("Dead letter {}: {} {}", message.getMessageId(), upload.key(),
              intake.redrive(upload, letter.reason(), receives(message) >= attempts));
        }
      } catch (RuntimeException e) {
        LOG.warn("Dead letter {} not settled yet (receive {}): {}", message.getMessageId(), receives(message),
            e.toString());
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
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
