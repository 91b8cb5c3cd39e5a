package dev.intake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.pipeline.PipelineJson;

/** A JSON response: status and body. */
public record ApiResponse(int status, String body) {

  public static ApiResponse json(int status, JsonNode body) {
    return new ApiResponse(status, body.toString());
  }

  public static ApiResponse error(int status, String code, String message) {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("code", code);
    n.put("message", message);
    return json(status, n);
  }
}
