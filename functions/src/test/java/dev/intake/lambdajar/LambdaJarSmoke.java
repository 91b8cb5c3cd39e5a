package dev.intake.lambdajar;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.intake.aws.SnapStartPriming;
import dev.intake.handlers.AggregateHandler;
import dev.intake.handlers.ApiHandler;
import dev.intake.handlers.CaseStudiesHandler;
import dev.intake.handlers.DeadLetterHandler;
import dev.intake.handlers.DigestHandler;
import dev.intake.handlers.FailureHandler;
import dev.intake.handlers.IntakeHandler;
import dev.intake.handlers.JsonTaskHandler;
import dev.intake.handlers.PrerequisitesHandler;
import dev.intake.handlers.PublicUrlsHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.joda.time.DateTime;

/**
 * Run by {@link LambdaJarIT} in a JVM whose class path is the shaded Lambda jar and this class only:
 * builds every handler as the Lambda runtime does (no-argument constructor, configuration from the
 * environment), sends the sample upload through intake, the three check groups and aggregate
 * against S3Proxy and dynalite (and a Step Functions and Secrets Manager stand-in served here), reads
 * the result back through the API handler (and pages through the list with a token signed by the
 * secret's key), runs the failure handler, the daily digest (publishing to an SNS stand-in served on
 * the same port) and the SnapStart priming, and prints one
 * {@code SMOKE key=value} line per step for the test to check.
 *
 * <p>{@code LambdaJarSmoke SFN_PORT BUCKET KEY SIZE}
 */
public final class LambdaJarSmoke {

  private LambdaJarSmoke() {
  }

  public static void main(String[] args) throws Exception {
    int sfnPort = Integer.parseInt(args[0]);
    String bucket = args[1];
    String key = args[2];
    long size = Long.parseLong(args[3]);
    ObjectMapper json = new ObjectMapper();
    AtomicReference<String> started = new AtomicReference<>();
    AtomicInteger starts = new AtomicInteger();
    AtomicInteger published = new AtomicInteger();
    HttpServer sfn = stepFunctions(sfnPort, started, starts, published);
    try {
      IntakeHandler intake = new IntakeHandler();
      List<JsonTaskHandler> checks = List.of(new PrerequisitesHandler(), new CaseStudiesHandler(),
          new PublicUrlsHandler());
      AggregateHandler aggregate = new AggregateHandler();
      FailureHandler failure = new FailureHandler();
      ApiHandler api = new ApiHandler();
      DeadLetterHandler redrive = new DeadLetterHandler();
      DigestHandler digest = new DigestHandler();
      System.out.println("SMOKE handlers=built");

      intake.handleRequest(upload(bucket, key, size, "0055AED6DCD90281E5"), null);
      ObjectNode state = (ObjectNode) json.readTree(started.get());
      String submissionId = state.path("submissionId").asText();
      System.out.println("SMOKE intake=" + submissionId);

      ArrayNode results = state.putArray("checks");
      for (JsonTaskHandler check : checks) {
        results.add(invoke(check, state, json));
      }
      JsonNode notification = invoke(aggregate, state, json);
      System.out.println("SMOKE aggregate=" + notification.path("status").asText());

      APIGatewayProxyResponseEvent response = api.handleRequest(get("/submissions/" + submissionId), null);
      System.out.println("SMOKE api=" + response.getStatusCode() + ":"
          + json.readTree(response.getBody()).path("status").asText());

      // The list signs its page token with the secret's key; the token resumes, an edited one is refused.
      // A second upload of the same key (a new put) makes the list two long.
      intake.handleRequest(upload(bucket, key, size, "0055AED6DCD90281F0"), null);
      APIGatewayProxyResponseEvent first = api.handleRequest(list(java.util.Map.of("limit", "1")), null);
      String token = json.readTree(first.getBody()).path("nextToken").asText("");
      APIGatewayProxyResponseEvent next = api.handleRequest(list(java.util.Map.of("limit", "1", "nextToken", token)),
          null);
      APIGatewayProxyResponseEvent edited = api.handleRequest(list(java.util.Map.of("limit", "1", "nextToken",
          (token.startsWith("A") ? "B" : "A") + token.substring(Math.min(1, token.length())))), null);
      System.out.println("SMOKE pages=" + first.getStatusCode() + ":" + (token.split("\\.").length == 3
          ? "signed" : "unsigned") + "," + next.getStatusCode() + "," + edited.getStatusCode());

      // What the workflow's MarkFailed sends: the workflow input's fields, the error and its cause.
      ObjectNode failed = json.createObjectNode();
      for (String field : List.of("partnerId", "bucket", "key", "versionId", "fileName", "asOf")) {
        failed.set(field, state.get(field));
      }
      failed.put("submissionId", "sub-aaaaaaaaaaaaaaaaaaaaaaaaaa");
      failed.put("error", "States.Timeout");
      failed.put("cause", "smoke test");
      System.out.println("SMOKE failure=" + invoke(failure, failed, json).path("marked").asText());

      // The same upload back from the dead-letter queue: already evaluated, so settled, nothing started.
      int startsBefore = starts.get();
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId("smoke-dead-letter");
      message.setAttributes(java.util.Map.of("ApproximateReceiveCount", "1"));
      ObjectNode record = json.createObjectNode();
      record.putObject("requestContext").put("condition", "RetriesExhausted");
      record.set("requestPayload", json.readTree(uploadJson(bucket, key, size)));
      message.setBody(json.writeValueAsString(record));
      SQSEvent deadLetters = new SQSEvent();
      deadLetters.setRecords(List.of(message));
      System.out.println("SMOKE redrive=" + redrive.handleRequest(deadLetters, null).getBatchItemFailures().size()
          + ":" + (starts.get() == startsBefore ? "nothing-new" : "started-again"));

      JsonNode digested = invoke(digest, json.createObjectNode(), json);
      System.out.println("SMOKE digest=" + digested.path("awaiting").asInt() + ":" + published.get());

      System.out.println("SMOKE priming=" + SnapStartPriming.prime());
    } finally {
      sfn.stop(0);
    }
    // The SDK's timeout scheduler keeps non-daemon threads, as it may on Lambda, where the JVM never
    // ends on its own; this process has said all it had to.
    System.exit(0);
  }

  /**
   * StartExecution, Secrets Manager's GetSecretValue for the page-token secret (a value for
   * AWSCURRENT, no AWSPREVIOUS) and SNS's Publish (the only one without an X-Amz-Target header):
   * records the input, answers as each service does.
   */
  private static HttpServer stepFunctions(int port, AtomicReference<String> started, AtomicInteger starts,
      AtomicInteger published) throws IOException {
    ObjectMapper json = new ObjectMapper();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", exchange -> {
      if (exchange.getRequestHeaders().getFirst("X-Amz-Target") == null) {
        exchange.getRequestBody().readAllBytes();
        published.incrementAndGet();
        byte[] xml = ("<PublishResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
            + "<MessageId>m-1</MessageId></PublishResult></PublishResponse>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(200, xml.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(xml);
        }
        return;
      }
      JsonNode request = json.readTree(exchange.getRequestBody());
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      if (target.startsWith("secretsmanager.")) {
        boolean current = !request.has("VersionStage") || "AWSCURRENT".equals(request.path("VersionStage").asText());
        byte[] body = (current
            ? "{\"ARN\":\"" + request.path("SecretId").asText() + "\",\"VersionId\":\"v1\","
                + "\"SecretString\":\"smoke-page-token-key-0123456789abcdefghijklmnop\"}"
            : "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no such version stage\"}")
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(current ? 200 : 400, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
        return;
      }
      started.set(request.path("input").asText());
      starts.incrementAndGet();
      byte[] body = ("{\"executionArn\":\"" + request.path("stateMachineArn").asText().replace(":stateMachine:",
          ":execution:") + ":" + request.path("name").asText() + "\",\"startDate\":1793525400.0}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return server;
  }

  private static JsonNode invoke(JsonTaskHandler handler, JsonNode input, ObjectMapper json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(json.writeValueAsBytes(input)), out, null);
    return json.readTree(out.toByteArray());
  }

  /** The same event as {@link #upload}, as JSON (as it comes back inside an on-failure record). */
  private static String uploadJson(String bucket, String key, long size) {
    return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
        + "\"eventTime\":\"" + java.time.Instant.ofEpochMilli(1793525400000L) + "\","
        + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + bucket + "\"},"
        + "\"object\":{\"key\":\"" + key + "\",\"size\":" + size + ",\"sequencer\":\"0055AED6DCD90281E5\"}}}]}";
  }

  private static S3Event upload(String bucket, String key, long size, String sequencer) {
    var entity = new S3EventNotification.S3Entity("competency-intake",
        new S3EventNotification.S3BucketEntity(bucket, new S3EventNotification.UserIdentityEntity("owner"),
            "arn:aws:s3:::" + bucket),
        new S3EventNotification.S3ObjectEntity(key, size, null, null, sequencer), "1.0");
    var record = new S3EventNotification.S3EventNotificationRecord("us-east-1", "ObjectCreated:Put", "aws:s3",
        new DateTime(1793525400000L).toString(), "2.1", new S3EventNotification.RequestParametersEntity("127.0.0.1"),
        new S3EventNotification.ResponseElementsEntity("x-amz-id-2", "x-amz-request-id"), entity,
        new S3EventNotification.UserIdentityEntity("AWS:AROAEXAMPLEPARTNER:P-1001"));
    return new S3Event(List.of(record));
  }

  private static APIGatewayProxyRequestEvent list(java.util.Map<String, String> query) {
    return get("/submissions").withQueryStringParameters(query);
  }

  private static APIGatewayProxyRequestEvent get(String path) {
    var identity = new APIGatewayProxyRequestEvent.RequestIdentity()
        .withUserArn("arn:aws:sts::123456789012:assumed-role/competency-reviewer/alice");
    return new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath(path)
        .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withIdentity(identity));
  }
}
