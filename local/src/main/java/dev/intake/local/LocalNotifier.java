package dev.intake.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.engines.AtomicFiles;
import dev.intake.pipeline.PipelineJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Stands in for SNS: each message the workflow publishes goes to the console (one line) and to
 * {@code outbox/} as a JSON file, the way the program office would receive it.
 */
public final class LocalNotifier {

  private final Path outbox;
  private final Consumer<String> console;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  public LocalNotifier(Path outbox, Consumer<String> console, Clock clock) {
    this.outbox = outbox;
    this.console = console;
    this.clock = clock;
    try {
      Files.createDirectories(outbox);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the outbox " + outbox, e);
    }
  }

  /**
   * What the {@code sns:publish} task delivers: its Parameters, written to the outbox as SNS would
   * deliver them (the task's own result, with its MessageId, is the runner's).
   */
  public void publish(JsonNode parameters) {
    String id = UUID.randomUUID().toString();
    ObjectNode record = PipelineJson.mapper().createObjectNode();
    record.put("MessageId", id);
    record.put("Timestamp", clock.instant().toString());
    record.put("TopicArn", parameters.path("TopicArn").asText());
    record.put("Subject", parameters.path("Subject").asText(""));
    JsonNode message = parseOrText(parameters.path("Message").asText(""));
    record.set("Message", message);
    record.set("MessageAttributes", parameters.path("MessageAttributes"));
    String name = String.format("%s-%04d-%s.json", clock.instant().toString().replace(':', '-'),
        sequence.incrementAndGet(), message.path("submissionId").asText("message"));
    try {
      AtomicFiles.replace(outbox.resolve(name), PipelineJson.bytes(record));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the outbox " + outbox, e);
    }
    console.accept("notification: " + parameters.path("Subject").asText(""));
  }

  private static JsonNode parseOrText(String message) {
    try {
      return PipelineJson.mapper().readTree(message);
    } catch (IOException e) {
      return PipelineJson.mapper().getNodeFactory().textNode(message);
    }
  }
}
