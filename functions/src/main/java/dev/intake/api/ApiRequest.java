package dev.intake.api;

import java.util.List;
import java.util.Map;

/**
 * An API call, independent of how it arrived (API Gateway proxy event or the local server).
 *
 * @param query each query parameter's value
 * @param repeatedParameters the query parameters the request gave more than once: the transport
 *     keeps one value of each in {@code query}, and the API refuses such a request rather than guess
 *     which value was meant
 */
public record ApiRequest(String method, String path, Map<String, String> query, String body, Caller caller,
    List<String> repeatedParameters) {

  public ApiRequest {
    query = query == null ? Map.of() : Map.copyOf(query);
    repeatedParameters = repeatedParameters == null ? List.of() : List.copyOf(repeatedParameters);
  }

  /** A request that gave no query parameter twice. */
  public ApiRequest(String method, String path, Map<String, String> query, String body, Caller caller) {
    this(method, path, query, body, caller, List.of());
  }
}
