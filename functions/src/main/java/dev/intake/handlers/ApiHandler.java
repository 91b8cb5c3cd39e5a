package dev.intake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.intake.api.ApiRequest;
import dev.intake.api.ApiResponse;
import dev.intake.api.CallerResolver;
import dev.intake.api.ReviewerApi;
import dev.intake.aws.AwsWiring;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
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

  /** Used by the Lambda runtime: collaborators from the environment, built once per container. */
  public ApiHandler() {
    this(AwsWiring.fromEnvironment());
  }

  /** The runtime's composition from one function's environment; also how a test runs it with another. */
  public ApiHandler(AwsWiring wiring) {
    this(wiring.reviewerApi(), wiring.callerResolver());
  }

  public ApiHandler(ReviewerApi api, CallerResolver callers) {
    this.api = api;
    this.callers = callers;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    String principal = event.getRequestContext() == null || event.getRequestContext().getIdentity() == null
        ? null : event.getRequestContext().getIdentity().getUserArn();
    String body = event.getBody();
    if (body != null && Boolean.TRUE.equals(event.getIsBase64Encoded())) {
      try {
        body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return respond(ApiResponse.error(400, "INVALID_BODY", "The body is not valid base64."));
      }
    }
    try {
      return respond(api.handle(new ApiRequest(event.getHttpMethod(), event.getPath(),
          event.getQueryStringParameters(), body, callers.resolve(principal))));
    } catch (RuntimeException e) {
      // A bug or an unexpected AWS error: still the API's JSON error shape, and the details in the log only.
      LOG.error("Unexpected failure on {} {}", event.getHttpMethod(), event.getPath(), e);
      return respond(ApiResponse.error(500, "INTERNAL", "Something went wrong on our side; try again later."));
    }
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
}
