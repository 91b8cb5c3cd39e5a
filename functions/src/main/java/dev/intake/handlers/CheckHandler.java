package dev.intake.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.pipeline.CheckService;
import dev.intake.pipeline.WorkflowInput;

/** One check group of the workflow. */
public abstract class CheckHandler extends JsonTaskHandler {

  private final CheckService checks;

  protected CheckHandler(CheckService checks) {
    this.checks = checks;
  }

  @Override
  public JsonNode handle(JsonNode input) {
    return checks.run(WorkflowInput.from(input));
  }
}
