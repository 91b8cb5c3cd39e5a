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
import java.util.Map;

/** API Gateway REST proxy events → the reviewer API. The caller is the IAM principal API Gateway authenticated. */
public final class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private static final Map<String, String> HEADERS = Map.of(
      "Content-Type", "application/json",
      "Cache-Control", "no-store",
      "X-Content-Type-Options", "nosniff");

  private final ReviewerApi api;
  private final CallerResolver callers;

  public ApiHandler() {
    this(AwsWiring.fromEnvironment().reviewerApi(), AwsWiring.fromEnvironment().callerResolver());
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
    ApiResponse response = api.handle(new ApiRequest(event.getHttpMethod(), event.getPath(),
        event.getQueryStringParameters(), body, callers.resolve(principal)));
    return respond(response);
  }

  private static APIGatewayProxyResponseEvent respond(ApiResponse r) {
    return new APIGatewayProxyResponseEvent().withStatusCode(r.status()).withHeaders(HEADERS).withBody(r.body());
  }
}
