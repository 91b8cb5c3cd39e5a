package dev.intake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.pipeline.PipelineJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A workflow task: JSON in, JSON out, read and written with the project's own mapper rather than
 * the runtime's reflective serializer (faster cold start, and the same code path as the local runner).
 */
public abstract class JsonTaskHandler implements RequestStreamHandler {

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode result = handle(PipelineJson.mapper().readTree(input));
    PipelineJson.mapper().writeValue(output, result);
  }

  /** The task itself; also what the local workflow runner calls. */
  public abstract JsonNode handle(JsonNode input);
}
