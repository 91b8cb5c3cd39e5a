package dev.intake.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.engines.AtomicFiles;
import dev.intake.pipeline.Notifier;
import dev.intake.pipeline.PipelineJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Stands in for SNS: each message the workflow publishes (and the daily digest) goes to
 * {@code outbox/} as a JSON file, the way SNS receives it — TopicArn, Subject, MessageStructure,
 * the Message envelope ({@code default} and {@code email}) and MessageAttributes — and its
 * {@code email} text to the console, which is what an e-mail subscriber would read.
 */
public final class LocalNotifier implements Notifier {

  private final Path outbox;
  private final Consumer<String> console;
  private final Clock clock;
  private final String officeTopicArn;
  private final AtomicLong sequence = new AtomicLong();

  /** @param officeTopicArn the topic the digest ({@link #publish(String, String)}) goes to */
  public LocalNotifier(Path outbox, Consumer<String> console, Clock clock, String officeTopicArn) {
    this.outbox = outbox;
    this.console = console;
    this.clock = clock;
    this.officeTopicArn = officeTopicArn;
    try {
      Files.createDirectories(outbox);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the outbox " + outbox, e);
    }
  }

  public LocalNotifier(Path outbox, Consumer<String> console, Clock clock) {
    this(outbox, console, clock, LocalWorkflow.TOPIC_ARN);
  }

  /** The digest: a publish to the program office's topic. */
  @Override
  public void publish(String subject, String envelope) {
    ObjectNode parameters = PipelineJson.mapper().createObjectNode();
    parameters.put("TopicArn", officeTopicArn);
    parameters.put("Subject", subject);
    parameters.put("Message", envelope);
    parameters.put("MessageStructure", "json");
    parameters.putObject("MessageAttributes");
    publish(parameters);
  }

  /**
   * What the {@code sns:publish} task delivers: its Parameters, written to the outbox as SNS would
   * receive them (the task's own result, with its MessageId, is the runner's).
   */
  public void publish(JsonNode parameters) {
    String id = UUID.randomUUID().toString();
    ObjectNode record = PipelineJson.mapper().createObjectNode();
    record.put("MessageId", id);
    record.put("Timestamp", clock.instant().toString());
    record.put("TopicArn", parameters.path("TopicArn").asText());
    record.put("Subject", parameters.path("Subject").asText(""));
    boolean structured = "json".equals(parameters.path("MessageStructure").asText());
    if (structured) {
      record.put("MessageStructure", "json");
    }
    JsonNode message = parseOrText(parameters.path("Message").asText(""));
    record.set("Message", message);
    record.set("MessageAttributes", parameters.path("MessageAttributes"));
    JsonNode document = structured ? parseOrText(message.path("default").asText("")) : message;
    String audience = document.path("audience").asText("message").toLowerCase(Locale.ROOT);
    String name = String.format("%s-%04d-%s-%s.json", clock.instant().toString().replace(':', '-'),
        sequence.incrementAndGet(), document.path("submissionId").asText(document.path("type").asText("message")),
        audience);
    try {
      AtomicFiles.replace(outbox.resolve(name), PipelineJson.bytes(record));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the outbox " + outbox, e);
    }
    StringBuilder out = new StringBuilder("notification (")
        .append(audience.equals("partner") ? "partner " + parameters.path("MessageAttributes").path("partnerId")
            .path("StringValue").asText("?") : "program office")
        .append("): ").append(parameters.path("Subject").asText(""));
    if (structured) {
      for (String line : message.path("email").asText("").stripTrailing().split("\n", -1)) {
        out.append("\n  | ").append(line);
      }
    }
    console.accept(out.toString());
  }

  private static JsonNode parseOrText(String message) {
    try {
      return PipelineJson.mapper().readTree(message);
    } catch (IOException e) {
      return PipelineJson.mapper().getNodeFactory().textNode(message);
    }
  }
}
