package dev.intake.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.intake.api.ReviewerApi;
import dev.intake.handlers.ApiHandler;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API route of the local server: checks the bearer token, bounds the body, and hands API
 * Gateway's proxy event to the same {@link ApiHandler} the Lambda runs. The token is checked and a
 * declared oversized body refused before the body is read, so a client that asked
 * {@code Expect: 100-continue} is answered at once and never sends it.
 */
final class ApiServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
  private static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS");

  private final transient ApiHandler handler;
  private final transient LocalTokens tokens;
  private final transient ConsoleServlet console;

  /** @param console the console whose session cookies also authenticate, or null for bearer tokens only */
  ApiServlet(ApiHandler handler, LocalTokens tokens, ConsoleServlet console) {
    this.handler = handler;
    this.tokens = tokens;
    this.console = console;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String authorization = request.getHeader("Authorization");
    if (console != null) {
      console.secure(response);
      if (authorization == null && "GET".equals(request.getMethod())) {
        // A person who opened the server's address in a browser: the console is where to go (and the
        // icon a browser asks every page's origin for is the console's).
        String to = switch (request.getRequestURI()) {
          case "/" -> ConsoleServlet.PATH + "/";
          case "/favicon.ico" -> ConsoleServlet.PATH + "/favicon.svg";
          default -> null;
        };
        if (to != null) {
          response.setStatus(303);
          response.setHeader("Location", to);
          return;
        }
      }
    }
    String principal;
    if (authorization == null && console != null) {
      // The console's session cookie (HttpOnly, SameSite=Strict); curl and scripts keep the bearer token.
      var session = console.session(request);
      if (session.isPresent() && !SAFE_METHODS.contains(request.getMethod())
          && !LocalApiServer.same(String.valueOf(request.getHeader(ConsoleServlet.CSRF_HEADER)),
              session.get().csrfToken())) {
        LOG.warn("Refused {} {}: console session without its CSRF token", request.getMethod(),
            request.getRequestURI());
        JsonErrorHandler.send(response, 403, "CSRF", "A console request that changes something must send the "
            + "session's " + ConsoleServlet.CSRF_HEADER + " header.");
        return;
      }
      principal = session.map(ConsoleSessions.Session::principal).orElse(null);
    } else {
      principal = tokens.principalFor(authorization);
    }
    if (principal == null) {
      LOG.warn("Refused {} {}: missing or wrong bearer token", request.getMethod(), request.getRequestURI());
      response.setHeader("WWW-Authenticate", "Bearer realm=\"competency-intake\"");
      JsonErrorHandler.send(response, 401, "UNAUTHORIZED",
          "Send Authorization: Bearer <token>; the token is in runtime.json.");
      return;
    }
    if (request.getContentLengthLong() > ReviewerApi.MAX_BODY_BYTES) {
      tooLarge(response);
      return;
    }
    byte[] body;
    try {
      body = readBody(request.getInputStream());
    } catch (IOException | RuntimeException e) {
      // The client's mistake, not the server's: chunks that are not chunks, or fewer bytes than it
      // declared before it stopped sending. Nothing of such a body is handed on.
      LOG.warn("Refused {} {}: the request body is incomplete or malformed ({})", request.getMethod(),
          request.getRequestURI(), String.valueOf(e));
      response.setHeader("Connection", "close");
      JsonErrorHandler.send(response, 400, "INVALID_BODY", "The request body is incomplete or malformed: it ended"
          + " before its declared length, or its chunked encoding is broken.");
      return;
    }
    if (body == null) {
      tooLarge(response);
      return;
    }
    APIGatewayProxyRequestEvent event;
    try {
      event = event(request, principal, body);
    } catch (BadTarget e) {
      LOG.warn("Refused {} {}: {} {}", request.getMethod(), request.getRequestURI(), e.code, e.getMessage());
      JsonErrorHandler.send(response, 400, e.code, e.getMessage());
      return;
    }
    try {
      APIGatewayProxyResponseEvent answer = handler.handleRequest(event, null);
      if (answer.getHeaders() != null) {
        answer.getHeaders().forEach(response::setHeader);
      }
      JsonErrorHandler.send(response, answer.getStatusCode(), answer.getBody());
    } catch (RuntimeException e) {
      LOG.error("Local API failure on {}", request.getRequestURI(), e);
      JsonErrorHandler.send(response, 500, "INTERNAL", "Internal error.");
    }
  }

  private static void tooLarge(HttpServletResponse response) throws IOException {
    // The rest of the body is not read: the connection cannot carry another request.
    response.setHeader("Connection", "close");
    JsonErrorHandler.send(response, 413, "TOO_LARGE", "The request body is over 64 KB.");
  }

  /** The body, or null when it is larger than API Gateway's and the API's limit would allow. */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(ReviewerApi.MAX_BODY_BYTES + 1);
    return bytes.length > ReviewerApi.MAX_BODY_BYTES ? null : bytes;
  }

  /** A request target the API does not take: its code and message. */
  static final class BadTarget extends Exception {

    private static final long serialVersionUID = 1L;

    final String code;

    BadTarget(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  /**
   * API Gateway's proxy event for the request: the path percent-decoded, the query as both
   * {@code queryStringParameters} (a repeated parameter's last value, as API Gateway keeps it) and
   * {@code multiValueQueryStringParameters}, the body base64-encoded as it came, so the handler
   * decodes the bytes (and refuses those that are not UTF-8) rather than this server guessing.
   *
   * @throws BadTarget when the path or query is not valid percent-encoding, or the path holds an
   *     encoded '/', which would route as a separator the client did not send
   */
  static APIGatewayProxyRequestEvent event(HttpServletRequest request, String principal, byte[] body)
      throws BadTarget {
    Map<String, String> query = new LinkedHashMap<>();
    Map<String, List<String>> multiQuery = new LinkedHashMap<>();
    String rawQuery = request.getQueryString();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String k = decode(eq < 0 ? pair : pair.substring(0, eq), "INVALID_QUERY");
        String v = eq < 0 ? "" : decode(pair.substring(eq + 1), "INVALID_QUERY");
        query.put(k, v);
        multiQuery.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      String value = request.getHeader(name);
      if (!name.equalsIgnoreCase("Authorization") && !name.equalsIgnoreCase("Cookie")
          && !name.equalsIgnoreCase(ConsoleServlet.CSRF_HEADER) && value != null) {
        headers.put(name, value);
      }
    }
    String rawPath = request.getRequestURI();
    APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity()
        .withUserArn(principal)
        .withAccountId(LocalApiServer.LOCAL_ACCOUNT)
        .withSourceIp(request.getRemoteAddr());
    APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
        .withAccountId(LocalApiServer.LOCAL_ACCOUNT)
        .withStage("local")
        .withRequestId(UUID.randomUUID().toString())
        .withHttpMethod(request.getMethod())
        .withPath(rawPath)
        .withIdentity(identity);
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod(request.getMethod())
        .withPath(path(rawPath))
        .withQueryStringParameters(query.isEmpty() ? null : query)
        .withMultiValueQueryStringParameters(multiQuery.isEmpty() ? null : multiQuery)
        .withHeaders(headers)
        .withBody(body.length == 0 ? null : Base64.getEncoder().encodeToString(body))
        .withIsBase64Encoded(body.length != 0)
        .withRequestContext(context);
  }

  /** The path percent-decoded ('+' is a plus in a path), refused when a segment decodes to hold a '/'. */
  private static String path(String rawPath) throws BadTarget {
    List<String> segments = new ArrayList<>();
    // -1: empty segments stay, so "/submissions/" and "//submissions" reach the router as they were sent.
    for (String segment : rawPath.split("/", -1)) {
      String decoded = decode(segment.replace("+", "%2B"), "INVALID_PATH");
      if (decoded.indexOf('/') >= 0) {
        throw new BadTarget("INVALID_PATH", "The path holds an encoded '/' (%2F); separate its parts with a plain"
            + " '/' (no id or name holds one).");
      }
      segments.add(decoded);
    }
    return String.join("/", segments);
  }

  private static String decode(String raw, String code) throws BadTarget {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadTarget(code, JsonErrorHandler.BAD_TARGET);
    }
  }
}
