package dev.intake.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.aws.DigestWiring;
import dev.intake.pipeline.Digest;
import dev.intake.pipeline.DigestService;
import dev.intake.pipeline.PipelineJson;

/**
 * The daily digest, invoked by EventBridge Scheduler (its input is ignored): makes the digest,
 * emits the ReviewsOverdue metric and publishes it to the program office's topic; returns the counts.
 */
public final class DigestHandler extends JsonTaskHandler {

  private final DigestService digests;

  /** Used by the Lambda runtime: collaborators from the environment, built once per container. */
  public DigestHandler() {
    this(DigestWiring.fromEnvironment());
  }

  /** The runtime's composition from one function's environment; also how a test runs it with another. */
  public DigestHandler(DigestWiring wiring) {
    this(wiring.digestService());
  }

  public DigestHandler(DigestService digests) {
    this.digests = digests;
  }

  @Override
  public JsonNode handle(JsonNode input) {
    Digest d = digests.run();
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    out.put("day", d.day().toString());
    out.put("received", d.received());
    out.put("awaiting", d.queue());
    out.put("overdue", d.overdue().size());
    return out;
  }
}
