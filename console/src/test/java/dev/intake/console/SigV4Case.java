package dev.intake.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.pipeline.PipelineJson;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * A request the console signs on AWS, and the Authorization header the AWS SDK for Java's own SigV4
 * signer gives it: what the browser's signer (console/web/js/sigv4.js) must reproduce exactly.
 */
record SigV4Case(String name, String json, String sdkAuthorization) {

  private static final String API = "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1";
  private static final Instant AT = Instant.parse("2026-11-02T09:15:30Z");
  private static final AwsSessionCredentialsIdentity CREDENTIALS = AwsSessionCredentialsIdentity.create(
      "ASIAEXAMPLEEXAMPLE00", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE//token+/=");
  /** What the signer adds itself; the rest of the SDK's headers are the request's own. */
  private static final Set<String> SIGNER_HEADERS = Set.of("host", "x-amz-date", "authorization",
      "x-amz-security-token");

  static List<SigV4Case> examples() {
    return List.of(
        of("list with filters", "GET", API + "/submissions?status=READY&limit=50&sort=oldest&overdue=true",
            Map.of("accept", "application/json"), ""),
        of("page token with reserved characters", "GET",
            API + "/submissions?nextToken=eyJhIjoiYiJ9%2B%2F%3D%3D&partnerId=P-1001", Map.of(), ""),
        of("decision with a body", "POST", API + "/submissions/sub-abcdefghijklmnopqrstuvwxyz/decisions",
            Map.of("content-type", "application/json", "accept", "application/json"),
            "{\"action\":\"REQUEST_CHANGES\",\"comment\":\"Fix 2.1: go-live dates — see Case Studies!J2\"}"),
        of("path that needs encoding", "GET", API + "/x%20y/%C3%A9", Map.of(), ""));
  }

  private static SigV4Case of(String name, String method, String url, Map<String, String> headers, String body) {
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
        .uri(URI.create(url));
    headers.forEach(request::putHeader);
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(CREDENTIALS)
        .request(request.build())
        .payload(body.isEmpty() ? null : ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(AT, ZoneOffset.UTC)));

    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("method", method);
    n.put("url", url);
    ObjectNode h = n.putObject("headers");
    signed.request().forEachHeader((k, v) -> {
      if (!SIGNER_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
        h.put(k, String.join(",", v));
      }
    });
    n.put("body", body);
    n.put("region", "eu-west-1");
    n.put("service", "execute-api");
    ObjectNode c = n.putObject("credentials");
    c.put("accessKeyId", CREDENTIALS.accessKeyId());
    c.put("secretAccessKey", CREDENTIALS.secretAccessKey());
    c.put("sessionToken", CREDENTIALS.sessionToken());
    n.put("now", AT.toString());
    return new SigV4Case(name, n.toString(), signed.request().firstMatchingHeader("Authorization").orElseThrow());
  }
}
