package dev.intake.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.pipeline.PipelineJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small client of the local reviewer API, as a reviewer's script would call it (demo, load test, e2e tests). */
public final class LocalApiClient {

  /** One response: status and body. */
  public record Response(int status, String body) {

    public JsonNode json() {
      return PipelineJson.tree(body.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI api;
  private final String token;

  public LocalApiClient(URI api, String token) {
    this.api = api;
    this.token = token;
  }

  public Response get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(api.resolve(pathAndQuery)).GET());
  }

  public Response post(String path, String json) {
    return send(HttpRequest.newBuilder(api.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Every submission of a partner (following nextToken), newest first. */
  public java.util.List<JsonNode> submissions(String partnerId) {
    java.util.List<JsonNode> all = new java.util.ArrayList<>();
    String token = null;
    do {
      String q = "/submissions?limit=100" + (partnerId == null ? "" : "&partnerId=" + enc(partnerId))
          + (token == null ? "" : "&nextToken=" + enc(token));
      Response r = get(q);
      if (r.status() != 200) {
        throw new IllegalStateException("GET " + q + " answered " + r.status() + ": " + r.body());
      }
      JsonNode page = r.json();
      page.path("items").forEach(all::add);
      token = page.path("nextToken").isTextual() ? page.path("nextToken").asText() : null;
    } while (token != null);
    return all;
  }

  private Response send(HttpRequest.Builder request) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("the local API at " + api + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
