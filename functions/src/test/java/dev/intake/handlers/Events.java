package dev.intake.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.pipeline.PipelineJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the shared sample events of test-events/ (copied onto the test class path). */
final class Events {

  private Events() {
  }

  static S3Event s3(String resource) {
    return EventLoader.loadS3Event(resource);
  }

  static APIGatewayProxyRequestEvent api(String resource) {
    return EventLoader.loadApiGatewayRestEvent(resource);
  }

  static JsonNode json(String resource) {
    try (InputStream in = Events.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return PipelineJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
