package dev.intake.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.pipeline.PipelineJson;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's error shape, {@code {"code", "message"}}, for every error the server answers itself as
 * well as those the handler returns: a malformed request line or URI, headers too large, a method
 * Jetty refuses. Never Jetty's HTML page, never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

  private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);
  private static final String GENERIC_BAD_REQUEST = HttpStatus.getMessage(400);
  /** What a request target that is not valid percent-encoding gets, from Jetty or from the API's own decoding. */
  static final String BAD_TARGET = "The request's path or query is not valid percent-encoding: a '%' must be"
      + " followed by two hexadecimal digits.";

  JsonErrorHandler() {
    setShowStacks(false);
    setShowServlet(false);
  }

  /**
   * Errors raised while a request is dispatched (sendError, an uncaught exception). A 500 is logged
   * with its cause: the answer says only "Internal error.", so the log is the one place it is told.
   */
  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int status = response.getStatus();
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    if (status >= 500) {
      Object cause = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
      LOG.error("Local API answered {} to {} {}: {}", status, request.getMethod(), request.getRequestURI(),
          message, cause instanceof Throwable t ? t : null);
    }
    baseRequest.setHandled(true);
    send(response, status, code(status), status >= 500 ? "Internal error." : reason(status, message));
  }

  /** Requests Jetty refuses before any handler sees them (bad URI, headers too large, bad framing). */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
    fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
    String message = switch (status) {
      // Jetty's parser answers a request line it could not take apart with this bare reason; what it
      // could not take apart is the request target, in practice a '%' without two hex digits after it.
      case 400 -> GENERIC_BAD_REQUEST.equals(reason) ? BAD_TARGET : reason(status, reason);
      case 505 -> "This server speaks HTTP/1.1 (and HTTP/1.0).";
      default -> reason(status, reason);
    };
    // A 505 is the client's HTTP version: a refusal like a 400, not a failure of the server.
    if (status == 500) {
      LOG.error("Local API refused a request before reading it: {} {}", status, reason);
    } else {
      LOG.warn("Local API refused a request before reading it: {} {}", status, reason);
    }
    return ByteBuffer.wrap(body(code(status), message));
  }

  static void send(HttpServletResponse response, int status, String code, String message) throws IOException {
    send(response, status, new String(body(code, message), StandardCharsets.UTF_8));
  }

  static void send(HttpServletResponse response, int status, String json) throws IOException {
    byte[] bytes = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/json");
    if (response.getHeader("Cache-Control") == null) {
      response.setHeader("Cache-Control", "no-store");
    }
    response.setContentLength(bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = response.getOutputStream()) {
        out.write(bytes);
      }
    }
  }

  private static byte[] body(String code, String message) {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("code", code);
    n.put("message", message);
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String code(int status) {
    return switch (status) {
      case 400 -> "BAD_REQUEST";
      case 401 -> "UNAUTHORIZED";
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 408 -> "REQUEST_TIMEOUT";
      case 413 -> "TOO_LARGE";
      case 414 -> "URI_TOO_LONG";
      case 431 -> "HEADERS_TOO_LARGE";
      case 500 -> "INTERNAL";
      // 505 HTTP_VERSION_NOT_SUPPORTED, 503 SERVICE_UNAVAILABLE, …: the status's own name.
      default -> HttpStatus.getMessage(status).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    };
  }

  private static String reason(int status, Object detail) {
    String text = detail == null ? "" : detail.toString().strip();
    return text.isEmpty() || text.length() > 200 ? HttpStatus.getMessage(status) + "." : text;
  }
}
