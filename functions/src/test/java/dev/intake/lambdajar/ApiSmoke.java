package dev.intake.lambdajar;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.intake.handlers.ApiHandler;
import java.util.Map;

/**
 * The API family from its artifact alone: {@code SUBMISSION_ID} read back as a reviewer, the list
 * paged with a token signed by the secret's key (the token resumes, an edited one is refused), and
 * the template link (which writes the bundled template to the bucket on first use).
 */
public final class ApiSmoke {

  private ApiSmoke() {
  }

  public static void main(String[] args) throws Exception {
    Smoke.started(ApiSmoke.class);
    ApiHandler api = new ApiHandler();
    APIGatewayProxyResponseEvent response = api.handleRequest(get("/submissions/" + args[0]), null);
    Smoke.say("api", response.getStatusCode() + ":" + Smoke.JSON.readTree(response.getBody()).path("status").asText());

    APIGatewayProxyResponseEvent first = api.handleRequest(list(Map.of("limit", "1")), null);
    String token = Smoke.JSON.readTree(first.getBody()).path("nextToken").asText("");
    APIGatewayProxyResponseEvent next = api.handleRequest(list(Map.of("limit", "1", "nextToken", token)), null);
    APIGatewayProxyResponseEvent edited = api.handleRequest(list(Map.of("limit", "1", "nextToken",
        (token.startsWith("A") ? "B" : "A") + token.substring(Math.min(1, token.length())))), null);
    Smoke.say("pages", first.getStatusCode() + ":" + (token.split("\\.").length == 3 ? "signed" : "unsigned") + ","
        + next.getStatusCode() + "," + edited.getStatusCode());

    APIGatewayProxyResponseEvent template = api.handleRequest(get("/template"), null);
    Smoke.say("template", template.getStatusCode());
    Smoke.end();
  }

  private static APIGatewayProxyRequestEvent list(Map<String, String> query) {
    APIGatewayProxyRequestEvent event = get("/submissions");
    event.setQueryStringParameters(query);
    return event;
  }

  /** A reviewer's GET as API Gateway's proxy integration sends it, read by Lambda's event serializer. */
  private static APIGatewayProxyRequestEvent get(String path) {
    return Smoke.event(APIGatewayProxyRequestEvent.class, "{\"resource\":\"/{proxy+}\",\"path\":\"" + path + "\","
        + "\"httpMethod\":\"GET\",\"headers\":{\"Accept\":\"application/json\"},\"queryStringParameters\":null,"
        + "\"requestContext\":{\"accountId\":\"123456789012\",\"stage\":\"v1\",\"requestId\":\"smoke\","
        + "\"identity\":{\"userArn\":\"arn:aws:sts::123456789012:assumed-role/competency-reviewer/alice\"},"
        + "\"httpMethod\":\"GET\"},\"body\":null,\"isBase64Encoded\":false}");
  }
}
