package dev.intake.api;

import java.util.Map;

/** An API call, independent of how it arrived (API Gateway proxy event or the local server). */
public record ApiRequest(String method, String path, Map<String, String> query, String body, Caller caller) {

  public ApiRequest {
    query = query == null ? Map.of() : Map.copyOf(query);
  }
}
