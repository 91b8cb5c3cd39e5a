package dev.intake.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.intake.handlers.ApiHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reviewer API on 127.0.0.1: builds the same API Gateway proxy event API Gateway would and hands
 * it to the same {@link ApiHandler}. Where API Gateway checks a SigV4 signature, this server checks
 * {@code Authorization: Bearer <token>}; the token stands for the reviewer role (or, for a partner
 * token, that partner's role).
 */
public final class LocalApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalApiServer.class);
  static final String LOCAL_ACCOUNT = "000000000000";

  private final HttpServer server;
  private final ExecutorService executor;
  private final ApiHandler handler;
  private final LocalTokens tokens;

  public LocalApiServer(ApiHandler handler, LocalTokens tokens, int port) throws IOException {
    this.handler = handler;
    this.tokens = tokens;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    this.executor = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "local-api");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String principal = tokens.principalFor(exchange.getRequestHeaders().getFirst("Authorization"));
      if (principal == null) {
        LOG.warn("Refused {} {}: missing or wrong bearer token", exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath());
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"competency-intake\"");
        send(exchange, 401, "{\"code\":\"UNAUTHORIZED\",\"message\":\"Send Authorization: Bearer <token>;"
            + " the token is in runtime.json.\"}");
        return;
      }
      byte[] body = readBody(exchange.getRequestBody());
      if (body == null) {
        send(exchange, 413, "{\"code\":\"TOO_LARGE\",\"message\":\"The request body is over 64 KB.\"}");
        return;
      }
      APIGatewayProxyResponseEvent response = handler.handleRequest(event(exchange, principal, body), null);
      response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      send(exchange, response.getStatusCode(), response.getBody());
    } catch (RuntimeException e) {
      LOG.error("Local API failure on {}", exchange.getRequestURI().getRawPath(), e);
      send(exchange, 500, "{\"code\":\"INTERNAL\",\"message\":\"Internal error.\"}");
    }
  }

  /** The body, or null when it is larger than API Gateway's and the API's limit would allow. */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(dev.intake.api.ReviewerApi.MAX_BODY_BYTES + 1);
    return bytes.length > dev.intake.api.ReviewerApi.MAX_BODY_BYTES ? null : bytes;
  }

  static APIGatewayProxyRequestEvent event(HttpExchange exchange, String principal, byte[] body) {
    URI uri = exchange.getRequestURI();
    Map<String, String> query = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.putIfAbsent(k, v);
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> {
      if (!k.equalsIgnoreCase("Authorization") && !v.isEmpty()) {
        headers.put(k, v.get(0));
      }
    });
    APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity()
        .withUserArn(principal)
        .withAccountId(LOCAL_ACCOUNT)
        .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
    APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
        .withAccountId(LOCAL_ACCOUNT)
        .withStage("local")
        .withRequestId(UUID.randomUUID().toString())
        .withHttpMethod(exchange.getRequestMethod())
        .withPath(uri.getRawPath())
        .withIdentity(identity);
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod(exchange.getRequestMethod())
        .withPath(URLDecoder.decode(uri.getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8))
        .withQueryStringParameters(query.isEmpty() ? null : query)
        .withHeaders(headers)
        .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8))
        .withIsBase64Encoded(false)
        .withRequestContext(context);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
  static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
