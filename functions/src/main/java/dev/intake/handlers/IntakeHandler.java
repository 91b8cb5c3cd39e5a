package dev.intake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.intake.aws.IntakeWiring;
import dev.intake.pipeline.IntakeService;
import java.time.Clock;

/** S3 ObjectCreated under incoming/ → gate, parse, store, start the workflow. */
public final class IntakeHandler implements RequestHandler<S3Event, Void> {

  private final IntakeService intake;
  private final Clock clock;

  /** Used by the Lambda runtime: collaborators from the environment, built once per container. */
  public IntakeHandler() {
    this(IntakeWiring.fromEnvironment());
  }

  /** The runtime's composition from one function's environment; also how a test runs it with another. */
  public IntakeHandler(IntakeWiring wiring) {
    this(wiring.intakeService(), wiring.clock());
  }

  public IntakeHandler(IntakeService intake) {
    this(intake, Clock.systemUTC());
  }

  /** @param clock gives the event time of a record that has none */
  public IntakeHandler(IntakeService intake, Clock clock) {
    this.intake = intake;
    this.clock = clock;
  }

  @Override
  public Void handleRequest(S3Event event, Context context) {
    event.getRecords().forEach(record -> intake.accept(S3Events.upload(record, clock.instant())));
    return null;
  }
}
