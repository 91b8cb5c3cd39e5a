package dev.intake.local.asl;

import java.time.Instant;

/**
 * One event of an execution's history.
 *
 * @param stateName the state the event belongs to, or null for execution-level events
 * @param detail a short human-readable detail (e.g. the error and cause, or the retry delay); may be empty
 */
public record HistoryEvent(Instant timestamp, HistoryEventType type, String stateName, String detail) {

  @Override
  public String toString() {
    return timestamp + " " + type.label() + (stateName == null ? "" : " [" + stateName + "]")
        + (detail.isEmpty() ? "" : " " + detail);
  }
}
