package dev.intake.local.asl;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The growing history of one execution; Parallel branches and Map iterations append concurrently. */
final class HistoryRecorder {

  private static final int MAX_DETAIL = 300;

  private final Clock clock;
  private final List<HistoryEvent> events = new ArrayList<>();

  HistoryRecorder(Clock clock, List<HistoryEvent> earlier) {
    this.clock = clock;
    this.events.addAll(earlier);
  }

  void record(HistoryEventType type, String stateName, String detail) {
    HistoryEvent event = new HistoryEvent(clock.instant(), type, stateName, Json.abbreviate(detail, MAX_DETAIL));
    synchronized (events) {
      events.add(event);
    }
  }

  List<HistoryEvent> snapshot() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}
