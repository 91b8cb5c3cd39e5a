package dev.intake.api;

import java.time.Instant;
import java.util.List;

/** The workflow's recorded events for a submission (Step Functions, or the local runner). */
@FunctionalInterface
public interface ExecutionHistory {

  /** One event; {@code state} and {@code detail} may be null. */
  record Event(Instant timestamp, String type, String state, String detail) {
  }

  /** Events of the execution named {@code submissionId}, oldest first; empty when there is none. */
  List<Event> events(String submissionId);

  ExecutionHistory NONE = id -> List.of();
}
