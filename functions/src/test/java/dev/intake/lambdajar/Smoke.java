package dev.intake.lambdajar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.handlers.JsonTaskHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import org.slf4j.LoggerFactory;

/**
 * What the family smokes share. Each smoke runs in a JVM whose class path is its family's artifact
 * and the smoke classes only, so it names nothing but the JDK, Jackson (in every artifact) and its
 * own family's classes; state crosses from one family's JVM to the next in files.
 */
final class Smoke {

  static final ObjectMapper JSON = new ObjectMapper();
  /** The message each smoke logs first, with its class's simple name. */
  static final String STARTED = "smoke started: ";

  private Smoke() {
  }

  static JsonNode read(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  static void write(Path file, JsonNode node) throws IOException {
    Files.write(file, JSON.writeValueAsBytes(node));
  }

  /** A workflow task invoked as the Lambda runtime does: JSON in on a stream, JSON out on another. */
  static JsonNode invoke(JsonTaskHandler handler, JsonNode input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(input)), out, null);
    return JSON.readTree(out.toByteArray());
  }

  /**
   * A Lambda event read from its JSON by Lambda's own event serializer (on the class path beside
   * the artifact, as the Java runtime provides it), over the event classes the artifact carries.
   */
  static <T> T event(Class<T> type, String json) {
    return LambdaEventSerializers.serializerFor(type, Smoke.class.getClassLoader()).fromJson(json);
  }

  /** Logs through the artifact's SLF4J, Log4j2 and Powertools layout, as the handlers do. */
  static void started(Class<?> smoke) {
    LoggerFactory.getLogger(smoke).info(STARTED + smoke.getSimpleName());
  }

  /** One line for the test to check. */
  static void say(String key, Object value) {
    System.out.println("SMOKE " + key + "=" + value);
  }

  /**
   * Ends the JVM: the SDK's timeout scheduler keeps non-daemon threads, as it may on Lambda, where
   * the JVM never ends on its own; the smoke has said all it had to.
   */
  static void end() {
    System.out.flush();
    System.exit(0);
  }
}
