package dev.intake.lambdajar;

import dev.intake.aws.AggregateWiring;
import dev.intake.handlers.AggregateHandler;
import java.nio.file.Path;

/**
 * The aggregate family from its artifact alone: {@code STATE_FILE} (the workflow's state with the
 * checks' results) through AggregateHandler, and the family's SnapStart priming.
 */
public final class AggregateSmoke {

  private AggregateSmoke() {
  }

  public static void main(String[] args) throws Exception {
    Smoke.started(AggregateSmoke.class);
    var notification = Smoke.invoke(new AggregateHandler(), Smoke.read(Path.of(args[0])));
    Smoke.say("aggregate", notification.path("status").asText());
    Smoke.say("priming", AggregateWiring.prime());
    Smoke.end();
  }
}
