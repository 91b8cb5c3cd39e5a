package dev.intake.local;

import dev.intake.handlers.ApiHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The reviewer API on 127.0.0.1, served by Jetty: {@link ApiServlet} builds the same API Gateway
 * proxy event API Gateway would and hands it to the same {@link ApiHandler}. Where API Gateway checks
 * a SigV4 signature, this server checks {@code Authorization: Bearer <token>}; the token stands for
 * the reviewer role (or, for a partner token, that partner's role).
 *
 * <p>What a client on the same machine cannot do to it: Jetty reads requests without blocking, so a
 * connection that sends part of a request holds no thread; an idle connection is closed after
 * {@link Limits#idleTimeout()}; at most {@link Limits#maxConnections()} are open, and once that many
 * are, every open connection's idle timeout drops to {@link Limits#limitedIdleTimeout()}, so stalled
 * ones are shed within it and new callers get in. Request headers are bounded; every error, Jetty's
 * own included, is the API's JSON ({@link JsonErrorHandler}).
 *
 * <p>Routes are servlets on one context: the API is the default servlet ({@code /}); a console adds
 * its own mappings beside it (its static files, a session handler) without touching the API's.
 */
public final class LocalApiServer implements AutoCloseable {

  static final String LOCAL_ACCOUNT = "000000000000";

  /**
   * The server's bounds.
   *
   * @param idleTimeout how long a connection may send nothing (headers or body) before it is closed
   * @param maxConnections open connections at most; more wait in the accept queue
   * @param limitedIdleTimeout the idle timeout of every connection while {@code maxConnections} are open
   * @param maxThreads request threads at most
   * @param maxHeaderBytes the request line and headers at most (431 beyond)
   */
  public record Limits(Duration idleTimeout, int maxConnections, Duration limitedIdleTimeout, int maxThreads,
      int maxHeaderBytes) {

    public static Limits defaults() {
      return new Limits(Duration.ofSeconds(30), 128, Duration.ofSeconds(1), 16, 16 * 1024);
    }
  }

  /**
   * The web console this server also serves, under {@code /console/}.
   *
   * @param webRoot the console's static files ({@code console/web/})
   * @param sessions its sign-in links and sessions
   * @param connectSources origins besides this server's the console may call (the S3 endpoint its
   *     presigned uploads go to), as a CSP source list
   */
  public record Console(Path webRoot, ConsoleSessions sessions, String connectSources) {
  }

  private final Server server;
  private final ServerConnector connector;

  public LocalApiServer(ApiHandler handler, LocalTokens tokens, int port) throws IOException {
    this(handler, tokens, port, Limits.defaults(), null);
  }

  public LocalApiServer(ApiHandler handler, LocalTokens tokens, int port, Console console) throws IOException {
    this(handler, tokens, port, Limits.defaults(), console);
  }

  LocalApiServer(ApiHandler handler, LocalTokens tokens, int port, Limits limits) throws IOException {
    this(handler, tokens, port, limits, null);
  }

  LocalApiServer(ApiHandler handler, LocalTokens tokens, int port, Limits limits, Console console)
      throws IOException {
    // Jetty's minimum of threads: an acceptor and a selector run on the pool too.
    QueuedThreadPool threads = new QueuedThreadPool(Math.max(limits.maxThreads(), 8), 2);
    threads.setName("local-api");
    threads.setDaemon(true);
    server = new Server(threads);

    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(limits.maxHeaderBytes());
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    // A body that trickles in slower than this is cut off, like a stalled header.
    http.setMinRequestDataRate(1024);
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    connector.setAcceptQueueSize(128);
    server.addConnector(connector);

    server.addBean(new SheddingLimit(limits.maxConnections(), connector, limits.limitedIdleTimeout()));

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/");
    ConsoleServlet consoleServlet = console == null ? null
        : new ConsoleServlet(console.webRoot(), console.sessions(), tokens, console.connectSources());
    context.addServlet(new ServletHolder("api", new ApiServlet(handler, tokens, consoleServlet)), "/");
    if (consoleServlet != null) {
      context.addServlet(new ServletHolder("console", consoleServlet), ConsoleServlet.PATH + "/*");
    }
    JsonErrorHandler errors = new JsonErrorHandler();
    context.setErrorHandler(errors);
    server.setErrorHandler(errors);
    server.setHandler(context);
    // No graceful wait on stop: a stalled client must not hold the runtime's shutdown.
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (Exception e) {
      close();
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof java.net.BindException) {
          // What the CLI tells apart: the port is taken.
          java.net.BindException taken = new java.net.BindException("127.0.0.1:" + port + " is already in use");
          taken.initCause(e);
          throw taken;
        }
      }
      throw new IOException("Cannot start the local API on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
  }

  /**
   * Jetty's connection limit, shedding idle connections while it limits. Jetty shortens the idle
   * timeout only of the connections already open when the limit is reached; a burst that reaches it
   * is still being opened then, and those connections would keep the full timeout and hold every
   * slot. Here each connection opened while the limit holds gets the short timeout too.
   */
  private static final class SheddingLimit extends ConnectionLimit {
    private volatile boolean limiting;

    SheddingLimit(int maxConnections, Connector connector, Duration limitedIdleTimeout) {
      super(maxConnections, connector);
      setIdleTimeout(limitedIdleTimeout.toMillis());
    }

    @Override
    protected void limit() {
      limiting = true;
      super.limit();
    }

    @Override
    protected void unlimit() {
      limiting = false;
      super.unlimit();
    }

    @Override
    public void onOpened(Connection connection) {
      super.onOpened(connection);
      if (limiting) {
        connection.getEndPoint().setIdleTimeout(getIdleTimeout());
      }
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  /** The console's sign-in URL for a one-time token. */
  public URI consoleSignIn(String token) {
    return URI.create(ConsoleServlet.signInUrl(endpoint(), token));
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the local API", e);
    }
  }

  /** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
  static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
