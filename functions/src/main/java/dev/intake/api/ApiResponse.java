package dev.intake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.Text;
import dev.intake.pipeline.PipelineJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON response: status, body, and the headers particular to it (e.g. a 405's {@code Allow}); the
 * headers every answer carries (content type, caching) are the transport's.
 *
 * <p>Every answer of the API is made here, so this is where the last guard on partner text stands:
 * the body is {@link Text#printable}, and no route, present or future, can hand out a direction
 * override or an invisible character that slipped past the cleaning where partner text is read.
 */
public record ApiResponse(int status, String body, Map<String, String> headers) {

  public ApiResponse {
    body = Text.printable(body);
    headers = Map.copyOf(headers);
  }

  public ApiResponse(int status, String body) {
    this(status, body, Map.of());
  }

  public static ApiResponse json(int status, JsonNode body) {
    return new ApiResponse(status, body.toString());
  }

  public static ApiResponse error(int status, String code, String message) {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("code", code);
    n.put("message", message);
    return json(status, n);
  }

  /** This response with one more header. */
  public ApiResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiResponse(status, body, more);
  }
}
