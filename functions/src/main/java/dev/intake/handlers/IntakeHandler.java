package dev.intake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.intake.aws.AwsWiring;
import dev.intake.pipeline.IntakeService;
import java.time.Instant;

/** S3 ObjectCreated under incoming/ → gate, parse, store, start the workflow. */
public final class IntakeHandler implements RequestHandler<S3Event, Void> {

  private final IntakeService intake;

  /** Used by the Lambda runtime: collaborators from the environment, built once per container. */
  public IntakeHandler() {
    this(AwsWiring.fromEnvironment().intakeService());
  }

  public IntakeHandler(IntakeService intake) {
    this.intake = intake;
  }

  @Override
  public Void handleRequest(S3Event event, Context context) {
    event.getRecords().forEach(record -> intake.accept(S3Events.upload(record, Instant.now())));
    return null;
  }
}
