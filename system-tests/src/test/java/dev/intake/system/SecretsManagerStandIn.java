package dev.intake.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * GetSecretValue on Secrets Manager's JSON protocol for one secret that was never rotated: the
 * AWSCURRENT version has a value, AWSPREVIOUS does not exist. Every secret id asked for is kept, so a
 * test can check which secret the functions named.
 */
final class SecretsManagerStandIn implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String arn;
  private final String value;
  private final List<String> asked = new CopyOnWriteArrayList<>();

  SecretsManagerStandIn(String arn, String value) throws IOException {
    this.arn = arn;
    this.value = value;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The SecretId of every GetSecretValue call, in order. */
  List<String> asked() {
    return List.copyOf(asked);
  }

  private void answer(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String secretId = body.path("SecretId").asText();
    asked.add(secretId);
    String stage = body.path("VersionStage").asText("AWSCURRENT");
    if (!"secretsmanager.GetSecretValue".equals(target) || !arn.equals(secretId) || !stage.equals("AWSCURRENT")) {
      respond(exchange, 400, JSON.createObjectNode().put("__type", "ResourceNotFoundException")
          .put("message", "Secrets Manager can't find the specified secret value (" + secretId + ", " + stage + ")"));
      return;
    }
    ObjectNode out = JSON.createObjectNode().put("ARN", arn).put("Name", "PageTokenKey").put("VersionId", "v1")
        .put("SecretString", value).put("CreatedDate", 1_793_525_400.0);
    out.putArray("VersionStages").add("AWSCURRENT");
    respond(exchange, 200, out);
  }

  private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
