package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.pipeline.PipelineJson;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server's own error answers: a failure no servlet caught is the API's JSON 500 and nothing more
 * to the client, and the log gets what the client does not — the request and the cause.
 */
class JsonErrorHandlerTest {

  private Server server;
  private final List<LogEvent> logged = Collections.synchronizedList(new ArrayList<>());
  private final Logger logger = (Logger) LogManager.getLogger(JsonErrorHandler.class);
  private final AbstractAppender capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
    @Override
    public void append(LogEvent event) {
      logged.add(event.toImmutable());
    }
  };

  @AfterEach
  void stop() throws Exception {
    logger.removeAppender(capture);
    if (server != null) {
      server.stop();
    }
  }

  /** A server on 127.0.0.1 whose one servlet fails with {@code failure}, and the API's error handler. */
  private URI serverFailingWith(RuntimeException failure) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.addServlet(new ServletHolder(new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response) {
        throw failure;
      }
    }), "/");
    JsonErrorHandler errors = new JsonErrorHandler();
    context.setErrorHandler(errors);
    server.setErrorHandler(errors);
    server.setHandler(context);
    server.start();
    capture.start();
    logger.addAppender(capture);
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @Test
  void uncaughtFailure_answersTheJson500AndLogsTheRequestAndItsCause() throws Exception {
    URI endpoint = serverFailingWith(new IllegalStateException("the cause, for the log only"));

    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/submissions"))
        .build(), HttpResponse.BodyHandlers.ofString());

    JsonNode body = PipelineJson.tree(r.body().getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(body.path("code").asText()).isEqualTo("INTERNAL");
    assertThat(r.body()).doesNotContain("the cause");
    assertThat(logged).anySatisfy(e -> {
      assertThat(e.getLevel().name()).isEqualTo("ERROR");
      assertThat(e.getMessage().getFormattedMessage()).contains("500").contains("GET /submissions");
      assertThat(e.getThrown()).isInstanceOf(IllegalStateException.class).hasMessage("the cause, for the log only");
    });
  }
}
