package dev.intake.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.aws.AggregateWiring;
import dev.intake.pipeline.AggregateService;

/** Workflow task: merge the groups' findings, write the reports, store the verdict, return the notification. */
public final class AggregateHandler extends JsonTaskHandler {

  private final AggregateService aggregate;

  /** Used by the Lambda runtime: collaborators from the environment, built once per container. */
  public AggregateHandler() {
    this(AggregateWiring.fromEnvironment());
  }

  /** The runtime's composition from one function's environment; also how a test runs it with another. */
  public AggregateHandler(AggregateWiring wiring) {
    this(wiring.aggregateService());
  }

  public AggregateHandler(AggregateService aggregate) {
    this.aggregate = aggregate;
  }

  @Override
  public JsonNode handle(JsonNode input) {
    return aggregate.run(input).toJson();
  }
}
