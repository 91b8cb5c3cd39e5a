package dev.intake.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The three Step Functions calls the functions make, on the service's JSON protocol (there is no
 * local Step Functions): StartExecution records the execution under its ARN, DescribeExecution and
 * GetExecutionHistory answer for recorded executions and say ExecutionDoesNotExist otherwise. Every
 * call's target and body is kept, so a test can check which state machine the functions named.
 */
final class StepFunctionsStandIn implements AutoCloseable {

  /** One call: its {@code X-Amz-Target} without the service prefix, and its JSON body. */
  record Call(String operation, JsonNode body) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  /** Execution ARN to the input it was started with. */
  private final Map<String, String> executions = new ConcurrentHashMap<>();

  StepFunctionsStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Call> calls(String operation) {
    return calls.stream().filter(c -> c.operation().equals(operation)).toList();
  }

  private void answer(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    calls.add(new Call(operation, body));
    switch (operation) {
      case "StartExecution" -> {
        String arn = body.path("stateMachineArn").asText().replace(":stateMachine:", ":execution:") + ":"
            + body.path("name").asText();
        if (executions.putIfAbsent(arn, body.path("input").asText()) != null) {
          error(exchange, "ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
          return;
        }
        ObjectNode out = JSON.createObjectNode().put("executionArn", arn).put("startDate", 1_793_525_400.0);
        respond(exchange, 200, out);
      }
      case "DescribeExecution" -> {
        String arn = body.path("executionArn").asText();
        if (!executions.containsKey(arn)) {
          error(exchange, "ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
          return;
        }
        respond(exchange, 200, JSON.createObjectNode().put("executionArn", arn).put("status", "RUNNING")
            .put("startDate", 1_793_525_400.0).put("input", executions.get(arn)));
      }
      case "GetExecutionHistory" -> {
        String arn = body.path("executionArn").asText();
        if (!executions.containsKey(arn)) {
          error(exchange, "ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
          return;
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode events = out.putArray("events");
        events.addObject().put("id", 1).put("previousEventId", 0).put("timestamp", 1_793_525_400.0)
            .put("type", "ExecutionStarted");
        events.addObject().put("id", 2).put("previousEventId", 1).put("timestamp", 1_793_525_401.0)
            .put("type", "ChoiceStateEntered").putObject("stateEnteredEventDetails").put("name", "Readable?");
        respond(exchange, 200, out);
      }
      default -> error(exchange, "UnknownOperationException", "Not served by this stand-in: " + operation);
    }
  }

  private static void error(HttpExchange exchange, String type, String message) throws IOException {
    respond(exchange, 400, JSON.createObjectNode()
        .put("__type", "com.amazonaws.swf.service.v2.model#" + type).put("message", message));
  }

  private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
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
