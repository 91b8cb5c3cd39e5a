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

/**
 * The API's error shape, {@code {"code", "message"}}, for every error the server answers itself as
 * well as those the handler returns: a malformed request line or URI, headers too large, a method
 * Jetty refuses. Never Jetty's HTML page, never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

  JsonErrorHandler() {
    setShowStacks(false);
    setShowServlet(false);
  }

  /** Errors raised while a request is dispatched (sendError, an uncaught exception). */
  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int status = response.getStatus();
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    baseRequest.setHandled(true);
    send(response, status, code(status), status >= 500 ? "Internal error." : reason(status, message));
  }

  /** Requests Jetty refuses before any handler sees them (bad URI, headers too large, bad framing). */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
    fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
    return ByteBuffer.wrap(body(code(status), reason(status, reason)));
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
      default -> status >= 500 ? "INTERNAL" : HttpStatus.getMessage(status).toUpperCase(Locale.ROOT)
          .replaceAll("[^A-Z0-9]+", "_");
    };
  }

  private static String reason(int status, Object detail) {
    String text = detail == null ? "" : detail.toString().strip();
    return text.isEmpty() || text.length() > 200 ? HttpStatus.getMessage(status) + "." : text;
  }
}
