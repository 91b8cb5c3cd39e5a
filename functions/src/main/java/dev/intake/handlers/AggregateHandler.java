package dev.intake.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.aws.AwsWiring;
import dev.intake.pipeline.AggregateService;

/** Workflow task: merge the groups' findings, write the reports, store the verdict, return the notification. */
public final class AggregateHandler extends JsonTaskHandler {

  private final AggregateService aggregate;

  public AggregateHandler() {
    this(AwsWiring.fromEnvironment().aggregateService());
  }

  public AggregateHandler(AggregateService aggregate) {
    this.aggregate = aggregate;
  }

  @Override
  public JsonNode handle(JsonNode input) {
    return aggregate.run(input).toJson();
  }
}
