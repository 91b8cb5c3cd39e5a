package dev.intake.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.aws.FailureWiring;
import dev.intake.pipeline.FailureService;
import dev.intake.pipeline.Notification;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.WorkflowInput;

/**
 * Workflow Catch target: store the submission as FAILED with the error and cause, and return the
 * notification the workflow then publishes ({@code marked} false, and no message, when the
 * submission had already reached a terminal state).
 */
public final class FailureHandler extends JsonTaskHandler {

  private final FailureService failures;

  /** Used by the Lambda runtime: collaborators from the environment, built once per container. */
  public FailureHandler() {
    this(FailureWiring.fromEnvironment());
  }

  /** The runtime's composition from one function's environment; also how a test runs it with another. */
  public FailureHandler(FailureWiring wiring) {
    this(wiring.failureService());
  }

  public FailureHandler(FailureService failures) {
    this.failures = failures;
  }

  @Override
  public JsonNode handle(JsonNode input) {
    FailureService.Outcome outcome = failures.fail(WorkflowInput.from(input), text(input, "error"),
        text(input, "cause"));
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    out.put("marked", outcome.marked());
    Notification n = outcome.notification();
    out.put("status", n == null ? null : n.status());
    out.put("subject", n == null ? null : n.subject());
    out.put("message", n == null ? null : n.message());
    out.put("partnerSubject", n == null ? null : n.partnerSubject());
    out.put("partnerMessage", n == null ? null : n.partnerMessage());
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
