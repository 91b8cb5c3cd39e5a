package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The JSON form of an {@link ExecutionRecord}, as the directory store writes it. */
final class ExecutionRecordJson {

  private ExecutionRecordJson() {
  }

  static ObjectNode write(ExecutionRecord record) {
    ExecutionDescription d = record.description();
    ObjectNode json = Json.object();
    json.put("name", d.name());
    json.put("status", d.status().name());
    json.set("input", d.input());
    json.set("output", d.output());
    json.put("error", d.error());
    json.put("cause", d.cause());
    json.put("startDate", d.startDate().toString());
    json.put("stopDate", d.stopDate() == null ? null : d.stopDate().toString());
    ArrayNode history = json.putArray("history");
    for (HistoryEvent event : record.history()) {
      ObjectNode e = history.addObject();
      e.put("timestamp", event.timestamp().toString());
      e.put("type", event.type().label());
      e.put("state", event.stateName());
      e.put("detail", event.detail());
    }
    return json;
  }

  static ExecutionRecord read(JsonNode json) {
    List<HistoryEvent> history = new ArrayList<>();
    for (JsonNode e : json.path("history")) {
      history.add(new HistoryEvent(Instant.parse(e.get("timestamp").asText()),
          HistoryEventType.fromLabel(e.get("type").asText()), text(e.get("state")), e.path("detail").asText("")));
    }
    ExecutionDescription description = new ExecutionDescription(
        json.get("name").asText(),
        ExecutionStatus.valueOf(json.get("status").asText()),
        json.get("input"),
        json.hasNonNull("output") ? json.get("output") : null,
        text(json.get("error")),
        text(json.get("cause")),
        Instant.parse(json.get("startDate").asText()),
        json.hasNonNull("stopDate") ? Instant.parse(json.get("stopDate").asText()) : null);
    return new ExecutionRecord(description, history);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
