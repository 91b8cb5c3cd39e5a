package dev.intake.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An HTTP server on 127.0.0.1 (any free port) that records every request it receives. */
final class LocalServer implements AutoCloseable {

  /** What arrived. */
  record Request(String path, String host, String userAgent, String acceptEncoding) {
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private LocalServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static LocalServer start() throws IOException {
    return new LocalServer();
  }

  LocalServer route(String path, HttpHandler handler) {
    routes.put(path, handler);
    return this;
  }

  LocalServer page(String path, String contentType, String body, Charset charset) {
    return route(path, exchange -> respond(exchange, 200, contentType, body.getBytes(charset)));
  }

  LocalServer html(String path, String body) {
    return page(path, "text/html; charset=utf-8", body, StandardCharsets.UTF_8);
  }

  LocalServer redirect(String path, int status, String location) {
    return route(path, exchange -> {
      exchange.getResponseHeaders().add("Location", location);
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
  }

  static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<String> paths() {
    return requests.stream().map(Request::path).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Host"),
        exchange.getRequestHeaders().getFirst("User-Agent"),
        exchange.getRequestHeaders().getFirst("Accept-Encoding")));
    HttpHandler handler = routes.get(path);
    if (handler == null) {
      respond(exchange, 404, "text/plain", "not here".getBytes(StandardCharsets.UTF_8));
      return;
    }
    handler.handle(exchange);
  }

  @Override public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
