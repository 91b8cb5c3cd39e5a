package dev.intake.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SNS's Publish on its query protocol (there is no local SNS): each request's form parameters are
 * kept and answered with a MessageId, so a test can check which topic a function named and what it
 * sent.
 */
final class SnsStandIn implements AutoCloseable {

  private final HttpServer server;
  private final List<Map<String, String>> published = new CopyOnWriteArrayList<>();

  SnsStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The parameters of every Publish, in order. */
  List<Map<String, String>> published() {
    return List.copyOf(published);
  }

  private void answer(HttpExchange exchange) throws IOException {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    if (!"Publish".equals(form.get("Action"))) {
      respond(exchange, 400, "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>"
          + "Not served by this stand-in</Message></Error></ErrorResponse>");
      return;
    }
    published.add(form);
    respond(exchange, 200, "<PublishResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
        + "<MessageId>00000000-0000-0000-0000-00000000000" + published.size() + "</MessageId></PublishResult>"
        + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>");
  }

  private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/xml");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
