package dev.intake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.intake.api.ApiRequest;
import dev.intake.api.ApiResponse;
import dev.intake.api.CallerResolver;
import dev.intake.api.ReviewerApi;
import dev.intake.aws.ApiWiring;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** API Gateway REST proxy events → the reviewer API. The caller is the IAM principal API Gateway authenticated. */
public final class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private static final Map<String, String> HEADERS = Map.of(
      "Content-Type", "application/json",
      "Cache-Control", "no-store",
      "X-Content-Type-Options", "nosniff");

  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

  private final ReviewerApi api;
  private final CallerResolver callers;
  private final String consoleOrigin;

  /** Used by the Lambda runtime: collaborators from the environment, built once per container. */
  public ApiHandler() {
    this(ApiWiring.fromEnvironment());
  }

  /** The runtime's composition from one function's environment; also how a test runs it with another. */
  public ApiHandler(ApiWiring wiring) {
    this(wiring.reviewerApi(), wiring.callerResolver(), wiring.consoleOrigin());
  }

  public ApiHandler(ReviewerApi api, CallerResolver callers) {
    this(api, callers, null);
  }

  /** @param consoleOrigin the web console's origin, the one a browser may read answers from; null for none */
  public ApiHandler(ReviewerApi api, CallerResolver callers, String consoleOrigin) {
    this.api = api;
    this.callers = callers;
    this.consoleOrigin = consoleOrigin;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    String principal = event.getRequestContext() == null || event.getRequestContext().getIdentity() == null
        ? null : event.getRequestContext().getIdentity().getUserArn();
    String body = event.getBody();
    if (body != null && Boolean.TRUE.equals(event.getIsBase64Encoded())) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        return allowConsole(event, refuse(event, "The body is not valid base64."));
      }
      int malformed = malformedUtf8At(bytes);
      if (malformed >= 0) {
        // Decoding it anyway would store U+FFFD where the client meant something else.
        return allowConsole(event, refuse(event, "The body is not valid UTF-8 (byte " + (malformed + 1) + " of "
            + bytes.length + ")."));
      }
      body = new String(bytes, StandardCharsets.UTF_8);
    }
    APIGatewayProxyResponseEvent response;
    try {
      response = respond(api.handle(new ApiRequest(event.getHttpMethod(), event.getPath(),
          event.getQueryStringParameters(), body, callers.resolve(principal), repeated(event))));
    } catch (RuntimeException e) {
      // A bug or an unexpected AWS error: still the API's JSON error shape, and the details in the log only.
      LOG.error("Unexpected failure on {} {}", event.getHttpMethod(), event.getPath(), e);
      response = respond(ApiResponse.error(500, "INTERNAL", "Something went wrong on our side; try again later."));
    }
    return allowConsole(event, response);
  }

  private static APIGatewayProxyResponseEvent refuse(APIGatewayProxyRequestEvent event, String message) {
    LOG.warn("Refused {} {}: 400 INVALID_BODY ({})", event.getHttpMethod(), event.getPath(), message);
    return respond(ApiResponse.error(400, "INVALID_BODY", message));
  }

  /** The offset of the first byte that is not part of well-formed UTF-8, or -1 when they all are. */
  static int malformedUtf8At(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    // UTF-8 never decodes to more chars than it has bytes.
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    return result.isError() ? in.position() : -1;
  }

  /**
   * The query parameters the request gave more than once. API Gateway keeps the last value of each in
   * {@code queryStringParameters} and every value in {@code multiValueQueryStringParameters}.
   */
  private static List<String> repeated(APIGatewayProxyRequestEvent event) {
    Map<String, List<String>> all = event.getMultiValueQueryStringParameters();
    if (all == null) {
      return List.of();
    }
    return all.entrySet().stream()
        .filter(e -> e.getValue() != null && e.getValue().size() > 1)
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  private static APIGatewayProxyResponseEvent respond(ApiResponse r) {
    Map<String, String> headers = HEADERS;
    if (!r.headers().isEmpty()) {
      // The response's own (a 405's Allow) next to the common ones; API Gateway's proxy passes them on.
      headers = new LinkedHashMap<>(HEADERS);
      headers.putAll(r.headers());
    }
    return new APIGatewayProxyResponseEvent().withStatusCode(r.status()).withHeaders(headers).withBody(r.body());
  }

  /**
   * CORS for the web console: a browser on the console's origin may read the answer; any other origin
   * gets no CORS header, so its scripts cannot (IAM still decides whether the request is served at all).
   */
  private APIGatewayProxyResponseEvent allowConsole(APIGatewayProxyRequestEvent event,
      APIGatewayProxyResponseEvent response) {
    if (consoleOrigin == null) {
      return response;
    }
    Map<String, String> headers = new java.util.HashMap<>(response.getHeaders());
    // Caches must keep one answer per origin.
    headers.put("Vary", "Origin");
    String origin = header(event, "Origin");
    if (consoleOrigin.equals(origin)) {
      headers.put("Access-Control-Allow-Origin", origin);
    }
    return response.withHeaders(Map.copyOf(headers));
  }

  private static String header(APIGatewayProxyRequestEvent event, String name) {
    if (event.getHeaders() == null) {
      return null;
    }
    for (Map.Entry<String, String> h : event.getHeaders().entrySet()) {
      if (h.getKey() != null && h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }
}
