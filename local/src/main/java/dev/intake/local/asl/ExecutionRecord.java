package dev.intake.local.asl;

import java.util.List;

/** What an {@link ExecutionStore} keeps of one execution: its description and its history. */
public record ExecutionRecord(ExecutionDescription description, List<HistoryEvent> history) {

  public ExecutionRecord {
    history = List.copyOf(history);
  }

  public String name() {
    return description.name();
  }
}
